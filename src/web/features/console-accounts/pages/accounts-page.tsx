import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Input, Modal, Popconfirm, Radio, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../../shared/permissions';
import { can, useMe } from '../../../lib/api/get-me';
import { ButtonLink } from '../../../components/button-link';
import { ErrorAlert } from '../../../components/error-alert';
import { PagedTable } from '../../../components/paged-table';
import { UnitSelect } from '../../../components/unit-select';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAccounts, type AccountFilters, type AccountPage, type StaffAccount } from '../api/get-accounts';
import { useResetAccountPassword, useSetAccountStatus } from '../api/manage-account';
import { useFindCitizen } from '../api/account-detail';
import { AccountDetail } from '../components/account-detail';
import { CreateAccountForm } from '../components/create-account-form';
import { EditAccountForm } from '../components/edit-account-form';

export function AccountsPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { message } = App.useApp();
  useDocumentTitle(t('accounts.title'));
  const me = useMe();
  const [filters, setFilters] = useState<AccountFilters>({});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [detailId, setDetailId] = useState<number | null>(null);
  const [findingCitizen, setFindingCitizen] = useState(false);
  const [citizenMobile, setCitizenMobile] = useState('');
  const findCitizen = useFindCitizen();
  const accounts = useAccounts(filters);
  const setStatus = useSetAccountStatus();
  const reset = useResetAccountPassword();
  const rows = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  const total = (accounts.data?.pages[0] as AccountPage | undefined)?.total;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const manage = can(me.data, 'account.manage');
  const grantable = me.data?.grantableRoles ?? [];
  // The server refuses the rest; the buttons only show where they can work.
  const manageable = (a: StaffAccount) => manage && a.roles.every((r) => grantable.includes(r));

  const changeStatus = (account: StaffAccount, status: 'active' | 'disabled') =>
    setStatus.mutate(
      { id: account.id, status },
      {
        onSuccess: () => void message.success(t(status === 'disabled' ? 'accounts.disabledDone' : 'accounts.enabledDone')),
        onError: () => undefined,
      },
    );

  const columns: TableColumnsType<StaffAccount> = [
    { title: t('accounts.col.login'), dataIndex: 'login' },
    { title: t('accounts.col.displayName'), dataIndex: 'displayName' },
    { title: t('accounts.col.unit'), key: 'unit', render: (_, account) => account.unit.name },
    {
      title: t('accounts.col.roles'),
      key: 'roles',
      render: (_, account) => (
        <Space size={[4, 4]} wrap>
          {account.roles.map((role) => (
            <Tag key={role}>{t(`role.${role}`)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('accounts.col.mobile'), dataIndex: 'mobileMasked', render: (mobile: string | null) => mobile ?? t('common.none') },
    {
      title: t('accounts.col.status'),
      dataIndex: 'status',
      // A coloured dot beside normal text: green text on a tag would not reach 4.5:1.
      render: (status: StaffAccount['status'], account) => (
        <Space size={[4, 4]} wrap>
          <Badge status={status === 'active' ? 'success' : 'default'} text={t(`accountStatus.${status}`)} />
          {account.mustChangePassword && <Tag>{t('accounts.mustChange')}</Tag>}
          {account.locked && <Tag>{t('accounts.locked')}</Tag>}
        </Space>
      ),
    },
    { title: t('accounts.col.createdAt'), dataIndex: 'createdAt', render: (at: string) => dateFormat.format(new Date(at)) },
    {
      title: t('accounts.col.actions'),
      key: 'actions',
      render: (_: unknown, account: StaffAccount) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setDetailId(account.id)} data-testid={`detail-${account.login}`}>
            {t('accounts.detail')}
          </Button>
          {manage && manageable(account) && (
            <>
              <Button type="link" onClick={() => setEditing(account)} data-testid={`edit-${account.login}`}>
                {t('accounts.edit')}
              </Button>
              <Button type="link" onClick={() => setResetting(account)} data-testid={`reset-${account.login}`}>
                {t('accounts.resetPassword')}
              </Button>
              {account.status === 'active' ? (
                account.id !== me.data?.id && (
                  <Popconfirm title={t('accounts.disableConfirm', { name: account.displayName })} onConfirm={() => changeStatus(account, 'disabled')} okText={t('accounts.disable')} cancelText={t('common.cancel')}>
                    <Button type="link" danger data-testid={`disable-${account.login}`}>
                      {t('accounts.disable')}
                    </Button>
                  </Popconfirm>
                )
              ) : (
                <Popconfirm title={t('accounts.enableConfirm', { name: account.displayName })} onConfirm={() => changeStatus(account, 'active')} okText={t('accounts.enable')} cancelText={t('common.cancel')}>
                  <Button type="link" data-testid={`enable-${account.login}`}>
                    {t('accounts.enable')}
                  </Button>
                </Popconfirm>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('accounts.title')}</h1>
        <Space wrap>
          {can(me.data, 'account.import') && (
            <ButtonLink to="/console/accounts/import" icon={<UploadOutlined aria-hidden />}>
              {t('accounts.import')}
            </ButtonLink>
          )}
          {can(me.data, 'account.recover') && (
            <Button onClick={() => setFindingCitizen(true)} data-testid="find-citizen">
              {t('accounts.findCitizen')}
            </Button>
          )}
          {can(me.data, 'account.create') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('accounts.create')}
            </Button>
          )}
        </Space>
      </div>
      <div role="search" className="console-toolbar">
        <Space wrap>
          <label htmlFor="account-search" className="visually-hidden">
            {t('accounts.search')}
          </label>
          <Input.Search
            id="account-search"
            placeholder={t('accounts.search')}
            enterButton={t('common.search')}
            onSearch={(value) => setFilters((f) => ({ ...f, q: value.trim() || undefined }))}
            style={{ width: 280 }}
          />
          <UnitSelect placeholder={t('accounts.filter.unit')} value={filters.unit} onChange={(unit) => setFilters((f) => ({ ...f, unit }))} />
          <Select<StaffRole>
            allowClear
            aria-label={t('accounts.filter.role')}
            placeholder={t('accounts.filter.role')}
            style={{ minWidth: 140 }}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <Select<'active' | 'disabled'>
            allowClear
            aria-label={t('accounts.filter.status')}
            placeholder={t('accounts.filter.status')}
            style={{ minWidth: 120 }}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`accountStatus.${s}`) }))}
            data-testid="status-filter"
          />
          {total !== undefined && <span data-testid="accounts-total">{t('accounts.total', { count: total })}</span>}
        </Space>
      </div>
      {setStatus.isError && <ErrorAlert error={setStatus.error} />}
      <PagedTable<StaffAccount> list={accounts} columns={columns} dataSource={rows} />
      <Drawer title={t('accounts.create')} open={creating} onClose={() => setCreating(false)} size="min(520px, 100vw)" destroyOnHidden>
        <CreateAccountForm onDone={() => setCreating(false)} />
      </Drawer>
      <Drawer title={editing ? t('accounts.editTitle', { login: editing.login }) : ''} open={editing !== null} onClose={() => setEditing(null)} size="min(520px, 100vw)" destroyOnHidden>
        {editing && <EditAccountForm account={editing} onDone={() => setEditing(null)} />}
      </Drawer>
      <Drawer title={t('accounts.detailTitle')} open={detailId !== null} onClose={() => setDetailId(null)} size="min(520px, 100vw)" destroyOnHidden>
        {detailId !== null && <AccountDetail id={detailId} />}
      </Drawer>
      <Modal
        title={t('accounts.findCitizen')}
        open={findingCitizen}
        onCancel={() => {
          setFindingCitizen(false);
          findCitizen.reset();
        }}
        okText={t('accounts.findCitizen.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={findCitizen.isPending}
        onOk={() =>
          findCitizen.mutate(citizenMobile.trim(), {
            onSuccess: (account) => {
              setFindingCitizen(false);
              setDetailId(account.id);
            },
          })
        }
        destroyOnHidden
      >
        <label htmlFor="citizen-mobile">{t('accounts.findCitizen.mobile')}</label>
        <Input id="citizen-mobile" inputMode="numeric" maxLength={11} value={citizenMobile} onChange={(e) => setCitizenMobile(e.target.value)} />
        {findCitizen.isError && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={findCitizen.error} />
          </div>
        )}
      </Modal>
      <Modal
        title={t('accounts.resetPassword')}
        open={resetting !== null}
        onCancel={() => {
          setResetting(null);
          reset.reset();
        }}
        okText={t('accounts.resetPassword')}
        cancelText={t('common.cancel')}
        confirmLoading={reset.isPending}
        onOk={() =>
          resetting &&
          reset.mutate(
            { id: resetting.id, channel },
            {
              onSuccess: (answer) => {
                void message.success(t('accounts.resetSent', { to: answer.sentTo }));
                setResetting(null);
              },
            },
          )
        }
        destroyOnHidden
      >
        {resetting && <p>{t('accounts.resetIntro', { name: resetting.displayName })}</p>}
        <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as 'sms' | 'email')}>
          <Radio value="sms">{t('accounts.resetSms')}</Radio>
          <Radio value="email">{t('accounts.resetEmail')}</Radio>
        </Radio.Group>
        {reset.isError && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={reset.error} />
          </div>
        )}
      </Modal>
    </>
  );
}
