import { Tag, Timeline } from 'antd';
import { RATING_GRADES, REJECT_REASONS, type RatingGrade, type RejectReason } from '../../../../shared/messages';
import { useT } from '../../../lib/i18n';
import type { TimelineEntry } from '../api/get-message';
import { DateTime } from '../../../components/date-time';
import { FlagTags } from '../../../components/flag-tags';

const COLOR: Record<string, string> = {
  submitted: 'gray',
  accepted: 'blue',
  rejected: 'red',
  withdrawn: 'gray',
  follow_up: 'blue',
  reply: 'green',
  rated: 'green',
  rating_changed: 'green',
  closed: 'green',
  flagged: 'red',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Everything that happened, oldest first: the server decides what this viewer may see. */
export function MessageTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useT();

  const title = (e: TimelineEntry) => {
    switch (e.kind) {
      case 'submitted':
        return t('timeline.submitted');
      case 'accepted':
        return t('timeline.accepted');
      case 'rejected':
        return t('timeline.rejected');
      case 'withdrawn':
        return t('timeline.withdrawn');
      case 'follow_up':
        return t('timeline.followUp');
      case 'reply':
        return e.unit ? t('timeline.replyBy', { unit: e.unit.name }) : t('timeline.reply');
      case 'rated':
        return t('timeline.rated');
      case 'rating_changed':
        return t('timeline.ratingChanged');
      case 'closed':
        return t('timeline.closed');
      case 'flagged':
        return t('timeline.flagged');
      default:
        return t('timeline.other');
    }
  };

  const extra = (e: TimelineEntry) => {
    if (e.kind === 'reply') {
      return <Tag className={e.final ? 'reply-kind reply-final' : 'reply-kind'}>{e.final ? t('timeline.final') : t('timeline.interim')}</Tag>;
    }
    if (e.kind === 'rejected') {
      const reason = str(e.data.reason);
      if (reason && (REJECT_REASONS as readonly string[]).includes(reason)) return <span>{t(`rejectReason.${reason as RejectReason}`)}</span>;
    }
    if (e.kind === 'rated' || e.kind === 'rating_changed') {
      const grade = str(e.data.grade);
      if (grade && (RATING_GRADES as readonly string[]).includes(grade)) return <span>{t(`grade.${grade as RatingGrade}`)}</span>;
    }
    if (e.kind === 'flagged' && Array.isArray(e.data.flags)) return <FlagTags flags={e.data.flags.filter((f): f is string => typeof f === 'string')} />;
    // Who did it, when it was not a citizen (accepted, rejected … by a unit's staff).
    if (e.unit && e.kind !== 'reply') return <span className="muted">{e.unit.name}</span>;
    return null;
  };

  return (
    <Timeline
      className="message-timeline"
      items={entries.map((e) => ({
        key: e.id,
        color: COLOR[e.kind] ?? 'gray',
        content: (
          <div className={`timeline-entry timeline-${e.kind}`} data-testid={`timeline-${e.kind}`}>
            <div className="timeline-head">
              <strong>{title(e)}</strong> {extra(e)}
              <span className="timeline-at muted">
                <DateTime value={e.at} />
              </span>
            </div>
            {e.body && <p className="timeline-body">{e.body}</p>}
          </div>
        ),
      }))}
    />
  );
}
