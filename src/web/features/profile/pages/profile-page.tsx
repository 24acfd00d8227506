import { App, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { NICKNAME_MAX } from '../../../../shared/domain';
import { useMe, type Account } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ButtonLink } from '../../../components/button-link';
import { useUpdateMe, type UpdateMeInput } from '../api/update-me';
import { ChangeMobileForm } from '../components/change-mobile-form';
import { ContactForm } from '../components/contact-form';
import { PersonalDataCard } from '../components/personal-data-card';

/** Rendered inside RequireAuth, so the account is there. */
export function ProfilePage() {
  const t = useT();
  useDocumentTitle(t('profile.title'));
  const me = useMe();
  if (!me.data) return null;
  return (
    <>
      <h1 className="page-title">{t('profile.title')}</h1>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <AccountFacts account={me.data} />
        <NicknameForm account={me.data} />
        <Card title={<h2 className="card-title">{t('profile.security')}</h2>}>
          <ButtonLink to="/me/password" data-testid="to-change-password">
            {t('password.title')}
          </ButtonLink>
        </Card>
        <ChangeMobileForm account={me.data} />
        {me.data.kind === 'staff' && <ContactForm account={me.data} />}
        <PersonalDataCard account={me.data} />
      </Space>
    </>
  );
}

function AccountFacts({ account }: { account: Account }) {
  const t = useT();
  const items = [
    { key: 'kind', label: t('profile.kind'), children: t(`accountKind.${account.kind}`) },
    ...(account.login ? [{ key: 'login', label: t('profile.login'), children: account.login }] : []),
    { key: 'mobile', label: t('profile.mobile'), children: account.mobileMasked ?? t('common.none') },
    ...(account.unit ? [{ key: 'unit', label: t('profile.unit'), children: account.unit.name }] : []),
    ...(account.roles.length > 0
      ? [{ key: 'roles', label: t('profile.roles'), children: account.roles.map((r) => t(`role.${r}`)).join(t('common.listSeparator')) }]
      : []),
  ];
  return (
    <Card>
      <Descriptions column={1} items={items} />
    </Card>
  );
}

function NicknameForm({ account }: { account: Account }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateMeInput>();
  const update = useUpdateMe();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: UpdateMeInput) => {
    setGeneralError(null);
    update.mutate(
      { nickname: (values.nickname ?? '').trim() },
      {
        onSuccess: () => void message.success(t('profile.saved')),
        onError: (error) => {
          if (!applyServerErrors(form, error, ['nickname'])) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Card title={<h2 className="card-title">{t('profile.editNickname')}</h2>}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={{ nickname: account.nickname }} onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="nickname"
          label={t('auth.register.nickname')}
          rules={[
            { required: true, whitespace: true, message: t('auth.register.nicknameRequired') },
            { max: NICKNAME_MAX, message: t('auth.register.nicknameMax', { max: NICKNAME_MAX }) },
          ]}
        >
          <Input maxLength={NICKNAME_MAX} showCount autoComplete="nickname" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
