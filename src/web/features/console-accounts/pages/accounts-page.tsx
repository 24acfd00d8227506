import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Input, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { can, useMe } from '../../../lib/api/get-me';
import { ButtonLink } from '../../../components/button-link';
import { PagedTable } from '../../../components/paged-table';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAccounts, type StaffAccount } from '../api/get-accounts';
import { CreateAccountForm } from '../components/create-account-form';

export function AccountsPage() {
  const t = useT();
  const { locale } = usePreferences();
  useDocumentTitle(t('accounts.title'));
  const me = useMe();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const accounts = useAccounts(q);
  const rows = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });

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
      render: (status: StaffAccount['status']) => (
        <Badge status={status === 'active' ? 'success' : 'default'} text={t(`accountStatus.${status}`)} />
      ),
    },
    { title: t('accounts.col.createdAt'), dataIndex: 'createdAt', render: (at: string) => dateFormat.format(new Date(at)) },
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
          {can(me.data, 'account.create') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('accounts.create')}
            </Button>
          )}
        </Space>
      </div>
      <div role="search" className="console-toolbar">
        <label htmlFor="account-search" className="visually-hidden">
          {t('accounts.search')}
        </label>
        <Input.Search
          id="account-search"
          placeholder={t('accounts.search')}
          enterButton={t('common.search')}
          onSearch={(value) => setQ(value.trim())}
        />
      </div>
      <PagedTable<StaffAccount> list={accounts} columns={columns} dataSource={rows} />
      <Drawer title={t('accounts.create')} open={creating} onClose={() => setCreating(false)} size="min(520px, 100vw)" destroyOnHidden>
        <CreateAccountForm onDone={() => setCreating(false)} />
      </Drawer>
    </>
  );
}
