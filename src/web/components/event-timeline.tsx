import { Tag, Timeline } from 'antd';
import { CONTACT_METHODS, DEADLINE_KINDS, type ContactMethod, type DeadlineKind } from '../../shared/handling';
import { RATING_GRADES, REJECT_REASONS, type RatingGrade, type RejectReason } from '../../shared/messages';
import { useT, type Translate } from '../lib/i18n';
import { DateTime } from './date-time';
import { FlagTags } from './flag-tags';

/** One event of a message's timeline (docs/api.md, `TimelineEntry`); the server decides what a viewer sees. */
export interface EventEntry {
  id: number;
  kind: string;
  at: string;
  body: string | null;
  unit: { id: number; name: string } | null;
  final?: boolean;
  data: Record<string, unknown>;
}

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
  assigned: 'blue',
  passed_down: 'blue',
  signed: 'blue',
  reopened: 'orange',
  returned: 'orange',
  reply_rejected: 'orange',
  overdue: 'red',
  urged: 'orange',
  supervised: 'red',
  instruction: 'red',
  unit_merged: 'orange',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** "南昌市委办公室（主办）、大院街道办事处（协办）" from an event's `data.units`. */
export function unitsOf(t: Translate, data: Record<string, unknown>): string {
  const units = Array.isArray(data.units) ? (data.units as { name?: unknown; role?: unknown }[]) : [];
  return units
    .filter((u) => typeof u.name === 'string')
    .map((u) => t('timeline.unitWithRole', { name: u.name as string, role: t(u.role === 'co' ? 'assignmentRole.co' : 'assignmentRole.lead') }))
    .join(t('common.listSeparator'));
}

/** The heading of an event in words, naming the units involved where the event has them. */
export function eventTitle(t: Translate, e: EventEntry): string {
  const unit = e.unit?.name;
  const withUnit = (plain: Parameters<Translate>[0], byUnit: Parameters<Translate>[0], vars: Record<string, string | number> = {}) =>
    unit ? t(byUnit, { ...vars, unit }) : t(plain, vars);
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
      return unit ? t('timeline.replyBy', { unit }) : t('timeline.reply');
    case 'rated':
      return t('timeline.rated');
    case 'rating_changed':
      return t('timeline.ratingChanged');
    case 'closed': {
      const by = str(e.data.by);
      if (by === 'rating') return t('timeline.closedByRating');
      if (by === 'unrated') return t('timeline.closedUnrated');
      if (by === 'coordinator') return withUnit('timeline.closedExplained', 'timeline.closedExplainedBy');
      return t('timeline.closed');
    }
    case 'flagged':
      return t('timeline.flagged');
    case 'assigned':
      return withUnit('timeline.assigned', 'timeline.assignedBy', { units: unitsOf(t, e.data) });
    case 'passed_down':
      return withUnit('timeline.passedDown', 'timeline.passedDownBy', { units: unitsOf(t, e.data) });
    case 'reopened':
      return withUnit('timeline.reopened', 'timeline.reopenedBy', { units: unitsOf(t, e.data), n: num(e.data.round) ?? 1 });
    case 'signed':
      return withUnit('timeline.signed', 'timeline.signedBy');
    case 'returned':
      return withUnit('timeline.returned', 'timeline.returnedBy');
    case 'contacted':
      return withUnit('timeline.contacted', 'timeline.contactedBy');
    case 'contribution':
      return withUnit('timeline.contribution', 'timeline.contributionBy');
    case 'reply_submitted':
      return withUnit('timeline.replySubmitted', 'timeline.replySubmittedBy');
    case 'reply_approved':
      return t('timeline.replyApproved');
    case 'reply_rejected':
      return t('timeline.replyRejected');
    case 'extension_requested':
      return withUnit('timeline.extensionRequested', 'timeline.extensionRequestedBy', { days: num(e.data.days) ?? 0 });
    case 'extension_decided':
      return e.data.approved === true ? t('timeline.extensionApproved', { days: num(e.data.days) ?? 0 }) : t('timeline.extensionRefused');
    case 'urged':
      return t('timeline.urged');
    case 'supervised':
      return e.data.auto === true ? t('timeline.supervisedAuto') : t('timeline.supervised');
    case 'instruction':
      return t('timeline.instruction');
    case 'leader_flagged':
      return t('timeline.leaderFlagged');
    case 'leader_unflagged':
      return t('timeline.leaderUnflagged');
    case 'note':
      return t('timeline.note');
    case 'overdue': {
      const deadline = isOneOf<DeadlineKind>(DEADLINE_KINDS, e.data.deadline) ? t(`deadline.${e.data.deadline}`) : '';
      return withUnit('timeline.overdue', 'timeline.overdueBy', { deadline });
    }
    case 'callback':
      return t('timeline.callback');
    case 'deadlines_recomputed':
      return t('timeline.deadlinesRecomputed');
    case 'unit_merged': {
      const name = (v: unknown) => (typeof v === 'object' && v !== null ? str((v as { name?: unknown }).name) : undefined) ?? '';
      return t('timeline.unitMerged', { from: name(e.data.from), into: name(e.data.into) });
    }
    default:
      return t('timeline.other');
  }
}

/** Events whose title already names the acting unit. */
const UNIT_IN_TITLE = new Set(['unit_merged', 'reply', 'assigned', 'passed_down', 'reopened', 'signed', 'returned', 'contacted', 'contribution', 'reply_submitted', 'extension_requested', 'overdue', 'closed']);

function Extra({ e }: { e: EventEntry }) {
  const t = useT();
  if (e.kind === 'reply' || e.kind === 'reply_submitted') {
    const final = e.kind === 'reply' ? e.final === true : e.data.final === true;
    return <Tag className={final ? 'reply-kind reply-final' : 'reply-kind'}>{final ? t('timeline.final') : t('timeline.interim')}</Tag>;
  }
  if (e.kind === 'rejected' && isOneOf<RejectReason>(REJECT_REASONS, e.data.reason)) return <span>{t(`rejectReason.${e.data.reason}`)}</span>;
  if ((e.kind === 'rated' || e.kind === 'rating_changed') && isOneOf<RatingGrade>(RATING_GRADES, e.data.grade)) return <span>{t(`grade.${e.data.grade}`)}</span>;
  if (e.kind === 'flagged' && Array.isArray(e.data.flags)) return <FlagTags flags={e.data.flags.filter((f): f is string => typeof f === 'string')} />;
  if (e.kind === 'contacted' && isOneOf<ContactMethod>(CONTACT_METHODS, e.data.method)) return <Tag>{t(`contactMethod.${e.data.method}`)}</Tag>;
  if (e.kind === 'callback') {
    const method = isOneOf<ContactMethod>(CONTACT_METHODS, e.data.method) ? t(`contactMethod.${e.data.method}`) : null;
    const grade = isOneOf<RatingGrade>(RATING_GRADES, e.data.satisfaction) ? t(`grade.${e.data.satisfaction}`) : null;
    const on = str(e.data.visitedOn);
    return <span className="muted">{[on, method, grade].filter(Boolean).join(' · ')}</span>;
  }
  if (e.kind === 'deadlines_recomputed' && Array.isArray(e.data.changes)) {
    const changes = (e.data.changes as Record<string, unknown>[]).filter((c) => isOneOf<DeadlineKind>(DEADLINE_KINDS, c.deadline) && typeof c.to === 'string');
    return (
      <ul className="recomputed-deadlines muted">
        {changes.map((c) => (
          <li key={`${String(c.assignmentId)}-${String(c.deadline)}`}>
            {str(c.unitName)} · {t(`deadline.${c.deadline as DeadlineKind}`)}: <DateTime value={str(c.from) ?? ''} /> → <DateTime value={c.to as string} />
          </li>
        ))}
      </ul>
    );
  }
  // Who did it, when it was not a citizen (accepted, urged … by a unit's staff).
  if (e.unit && !UNIT_IN_TITLE.has(e.kind)) return <span className="muted">{e.unit.name}</span>;
  return null;
}

interface Props {
  entries: EventEntry[];
  /** Staff pages mark what the public never sees. */
  isInternal?: (entry: EventEntry) => boolean;
}

/** Everything that happened, oldest first. */
export function EventTimeline({ entries, isInternal }: Props) {
  const t = useT();
  return (
    <Timeline
      className="message-timeline"
      items={entries.map((e) => {
        const internal = isInternal?.(e) ?? false;
        return {
          key: e.id,
          color: COLOR[e.kind] ?? 'gray',
          content: (
            <div className={`timeline-entry timeline-${e.kind}${internal ? ' timeline-internal' : ''}`} data-testid={`timeline-${e.kind}`}>
              <div className="timeline-head">
                <strong>{eventTitle(t, e)}</strong> <Extra e={e} />
                {internal && <Tag className="status-tag status-tag-ended internal-tag">{t('timeline.internal')}</Tag>}
                <span className="timeline-at muted">
                  <DateTime value={e.at} />
                </span>
              </div>
              {e.body && <p className="timeline-body">{e.body}</p>}
            </div>
          ),
        };
      })}
    />
  );
}
