import { LikeFilled, LikeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import type { CampaignEntry } from '../../../../shared/campaigns';
import { useMe } from '../../../lib/api/get-me';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useSupportEntry } from '../api/support-entry';

/**
 * 点赞, once per account: pressed again it takes the support back. Visitors are sent to log in;
 * staff see the count only (supports are the public's).
 */
export function SupportButton({ entry, canSupport }: { entry: CampaignEntry; canSupport: boolean }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const support = useSupportEntry();
  const count = entry.supportCount;

  if (me.data?.kind === 'staff' || !canSupport) {
    return (
      <span className="entry-support-count" data-testid="support-count">
        <LikeOutlined aria-hidden /> {t('campaigns.support.count', { count })}
      </span>
    );
  }

  const onClick = () => {
    if (!me.data) {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    support.mutate(
      { entry, support: !entry.supportedByMe },
      {
        onError: (error) => void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic')),
      },
    );
  };

  return (
    <Button
      size="small"
      className="entry-support"
      icon={entry.supportedByMe ? <LikeFilled aria-hidden /> : <LikeOutlined aria-hidden />}
      aria-pressed={entry.supportedByMe}
      aria-label={t(entry.supportedByMe ? 'campaigns.support.pressedLabel' : 'campaigns.support.label', { count })}
      loading={support.isPending}
      onClick={onClick}
      type={entry.supportedByMe ? 'primary' : 'default'}
      ghost={entry.supportedByMe}
      data-testid="support-button"
    >
      {t(entry.supportedByMe ? 'campaigns.support.done' : 'campaigns.support.do')} {count}
    </Button>
  );
}
