import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, type MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { can, useMe } from '../../../lib/api/get-me';
import { ButtonLink } from '../../../components/button-link';
import { useT } from '../../../lib/i18n';
import { useLogout } from '../api/logout';

/** Login / register for visitors; the account's menu once logged in. */
export function AccountMenu() {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();

  if (me.isPending) return null;
  const account = me.data;
  if (!account) {
    return (
      <Space size="small" className="account-links">
        <ButtonLink to="/login" type="primary">
          {t('nav.login')}
        </ButtonLink>
        <ButtonLink to="/register">{t('nav.register')}</ButtonLink>
      </Space>
    );
  }

  const items: MenuProps['items'] = [
    { key: '/me', label: t('nav.profile') },
    ...(account.kind === 'citizen' ? [{ key: '/me/messages', label: t('nav.myMessages') }] : []),
    ...(can(account, 'console.enter') ? [{ key: '/console', label: t('nav.console') }] : []),
    { type: 'divider' },
    { key: 'logout', label: t('nav.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/') });
    else navigate(key);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} autoFocus>
      <Button aria-label={t('nav.accountOf', { name: account.nickname || account.displayName })} data-testid="account-menu">
        <UserOutlined aria-hidden />
        <span className="account-name">{account.nickname || account.displayName}</span>
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
