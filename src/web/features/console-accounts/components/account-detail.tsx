import { App, Badge, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { MOBILE_PATTERN } from '../../../../shared/domain';
import { can, useMe } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useAccount, useRecoverMobile, useSendRecoveryCode, useUnlockAccount, type AccountDetail as Detail, type RecoverMobileInput } from '../api/account-detail';
import { useCountdown } from '../../../lib/use-countdown';

const mobilePattern = new RegExp(MOBILE_PATTERN);

/** One account (GET /accounts/{id}): its facts, unlock, and for a citizen the staff mobile change (docs/accounts.md). */
export function AccountDetail({ id }: { id: number }) {
  const t = useT();
  const { locale } = usePreferences();
  const { message } = App.useApp();
  const me = useMe();
  const account = useAccount(id);
  const unlock = useUnlockAccount();
  if (account.isError) return <ErrorAlert error={account.error} />;
  if (!account.data) return <Spin />;
  const a = account.data;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const items = [
    { key: 'kind', label: t('profile.kind'), children: t(`accountKind.${a.kind}`) },
    ...(a.login ? [{ key: 'login', label: t('accounts.col.login'), children: a.login }] : []),
    { key: 'name', label: t('accounts.col.displayName'), children: a.displayName },
    { key: 'mobile', label: t('accounts.col.mobile'), children: a.mobileMasked ?? t('common.none') },
    ...(a.unit ? [{ key: 'unit', label: t('accounts.col.unit'), children: a.unit.name }] : []),
    ...(a.roles.length > 0 ? [{ key: 'roles', label: t('accounts.col.roles'), children: a.roles.map((r) => t(`role.${r}`)).join(t('common.listSeparator')) }] : []),
    {
      key: 'status',
      label: t('accounts.col.status'),
      children: (
        <Space size={[4, 4]} wrap>
          <Badge status={a.status === 'active' ? 'success' : 'default'} text={t(`accountStatus.${a.status}`)} />
          {a.mustChangePassword && <Tag>{t('accounts.mustChange')}</Tag>}
          {a.locked && <Tag data-testid="account-locked">{t('accounts.locked')}</Tag>}
        </Space>
      ),
    },
    { key: 'failed', label: t('accounts.detail.failedLogins'), children: a.failedLogins },
    ...(a.lockedUntil ? [{ key: 'lockedUntil', label: t('accounts.detail.lockedUntil'), children: when.format(new Date(a.lockedUntil)) }] : []),
    { key: 'created', label: t('accounts.col.createdAt'), children: when.format(new Date(a.createdAt)) },
    ...(a.closedAt ? [{ key: 'closed', label: t('accounts.detail.closedAt'), children: when.format(new Date(a.closedAt)) }] : []),
  ];
  const manage = can(me.data, 'account.manage') && a.status !== 'closed';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} items={items} size="small" />
      {unlock.isError && <ErrorAlert error={unlock.error} />}
      {manage && (a.locked || a.failedLogins > 0) && (
        <Popconfirm
          title={t('accounts.unlockConfirm', { name: a.displayName })}
          onConfirm={() => unlock.mutate(a.id, { onSuccess: () => void message.success(t('accounts.unlocked')) })}
          okText={t('accounts.unlock')}
          cancelText={t('common.cancel')}
        >
          <Button loading={unlock.isPending} data-testid="account-unlock">
            {t('accounts.unlock')}
          </Button>
        </Popconfirm>
      )}
      {a.kind === 'citizen' && a.status !== 'closed' && can(me.data, 'account.recover') && <RecoverMobileForm account={a} />}
    </Space>
  );
}

/** 账号找回: a code to the new number, read out by the citizen, and the identity check recorded as the reason. */
function RecoverMobileForm({ account }: { account: Detail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecoverMobileInput>();
  const send = useSendRecoveryCode();
  const recover = useRecoverMobile();
  const [secondsLeft, setSecondsLeft] = useCountdown();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onSend = async () => {
    setGeneralError(null);
    try {
      await form.validateFields(['mobile']);
    } catch {
      return;
    }
    send.mutate(
      { id: account.id, mobile: form.getFieldValue('mobile') as string },
      {
        onSuccess: (answer) => {
          setSecondsLeft(answer.retryAfterSeconds || 60);
          void message.success(t('auth.register.codeSent'));
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, ['mobile'])) setGeneralError(error);
        },
      },
    );
  };

  const onFinish = (values: RecoverMobileInput) => {
    setGeneralError(null);
    recover.mutate(
      { id: account.id, input: { mobile: values.mobile, code: values.code.trim(), reason: values.reason.trim() } },
      {
        onSuccess: () => {
          void message.success(t('accounts.recover.done'));
          form.resetFields();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, ['mobile', 'code', 'reason'])) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Card size="small" title={<h3 className="card-title">{t('accounts.recover.title')}</h3>}>
      <p>{t('accounts.recover.intro')}</p>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={recover.isPending}>
        <Form.Item label={t('accounts.recover.mobile')} htmlFor="recover-mobile" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="mobile"
              noStyle
              rules={[
                { required: true, message: t('auth.register.mobileRequired') },
                { pattern: mobilePattern, message: t('auth.register.mobileInvalid') },
              ]}
            >
              <Input id="recover-mobile" inputMode="numeric" autoComplete="off" maxLength={11} />
            </Form.Item>
            <Button onClick={onSend} disabled={secondsLeft > 0} loading={send.isPending}>
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('accounts.recover.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="code" label={t('accounts.recover.code')} rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
          <Input inputMode="numeric" autoComplete="off" maxLength={6} />
        </Form.Item>
        <Form.Item name="reason" label={t('accounts.recover.reason')} rules={[{ required: true, whitespace: true, min: 4, message: t('accounts.recover.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={recover.isPending}>
          {t('accounts.recover.submit')}
        </Button>
      </Form>
    </Card>
  );
}
