import { App, Button, Space } from 'antd';
import { DEADLINE_KINDS } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import type { Assignment } from '../api/get-staff-message';
import { useSignAssignment } from '../api/sign-assignment';
import { useNow } from '../../../lib/use-now';
import { DeadlineCountdown } from './deadline-countdown';
import type { HandlingDialogState } from './handling-dialogs';
import { AssignmentStatusTag, HandlingClassTag, RoleTag } from './handling-tags';

interface Props {
  assignments: Assignment[];
  onAction: (state: HandlingDialogState) => void;
}

/** The chain of units of each round, as a tree by `parentId`; the newest round first. */
export function AssignmentTree({ assignments, onAction }: Props) {
  const t = useT();
  const now = useNow();
  const rounds = [...new Set(assignments.map((a) => a.round))].sort((a, b) => b - a);
  const showRounds = rounds.length > 1;
  return (
    <div className="assignment-rounds">
      {rounds.map((round, index) => {
        const inRound = assignments.filter((a) => a.round === round);
        const ids = new Set(inRound.map((a) => a.id));
        const roots = inRound.filter((a) => a.parentId === null || !ids.has(a.parentId));
        return (
          <section key={round} className={index === 0 ? 'assignment-round' : 'assignment-round assignment-round-old'} aria-label={t('handling.round', { n: round + 1 })}>
            {showRounds && <h3 className="assignment-round-title">{index === 0 ? t('handling.roundCurrent', { n: round + 1 }) : t('handling.round', { n: round + 1 })}</h3>}
            <ul className="assignment-tree" data-testid="assignment-tree">
              {roots.map((a) => (
                <Node key={a.id} a={a} all={inRound} now={now} onAction={onAction} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function Node({ a, all, now, onAction }: { a: Assignment; all: Assignment[]; now: Date; onAction: Props['onAction'] }) {
  const t = useT();
  const children = all.filter((c) => c.parentId === a.id);
  const headingId = `assignment-${a.id}`;
  return (
    <li className="assignment-node">
      <div className={`assignment-card assignment-${a.status}`} data-testid="assignment" data-unit={a.unit.name} aria-labelledby={headingId} role="group">
        <div className="assignment-head">
          <strong id={headingId} className="assignment-unit">
            {a.unit.name}
          </strong>
          <RoleTag role={a.role} />
          <AssignmentStatusTag status={a.status} />
          {a.parentId === null && <HandlingClassTag value={a.handlingClass} />}
        </div>
        <p className="assignment-meta muted">
          {a.assignedBy ? t('handling.assignedBy', { unit: a.assignedBy.name }) : t('handling.assignedAt')} <DateTime value={a.assignedAt} />
          {a.extensionDays > 0 && <span> · {t('handling.extendedBy', { days: a.extensionDays })}</span>}
        </p>
        {a.instructions && (
          <p className="assignment-text">
            <span className="assignment-text-label">{t('handling.instructions')}</span>
            <span className="pre-wrap">{a.instructions}</span>
          </p>
        )}
        {a.returnReason && (
          <p className="assignment-text">
            <span className="assignment-text-label">{t('handling.returnReason')}</span>
            <span className="pre-wrap">{a.returnReason}</span>
          </p>
        )}
        <div className="deadlines" role="list" aria-label={t('handling.deadlines')}>
          {DEADLINE_KINDS.map((kind) => (
            <div role="listitem" key={kind}>
              <DeadlineCountdown kind={kind} deadline={a.deadlines[kind]} notApplicable={kind === 'contact' && a.role === 'co'} now={now} />
            </div>
          ))}
        </div>
        <AssignmentActions a={a} onAction={onAction} />
      </div>
      {children.length > 0 && (
        <ul className="assignment-tree assignment-children">
          {children.map((c) => (
            <Node key={c.id} a={c} all={all} now={now} onAction={onAction} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The buttons the server allows on this assignment, and nothing else. */
function AssignmentActions({ a, onAction }: { a: Assignment; onAction: Props['onAction'] }) {
  const t = useT();
  const ab = a.abilities;
  if (!Object.values(ab).some(Boolean)) return null;
  return (
    <Space wrap className="assignment-actions">
      {ab.sign && <SignButton a={a} />}
      {ab.reply && (
        <Button type="primary" onClick={() => onAction({ kind: 'reply', assignment: a })} data-testid="action-reply">
          {t('handling.action.reply')}
        </Button>
      )}
      {ab.contact && (
        <Button onClick={() => onAction({ kind: 'contact', assignment: a })} data-testid="action-contact">
          {t('handling.action.contact')}
        </Button>
      )}
      {ab.contribute && (
        <Button type="primary" onClick={() => onAction({ kind: 'contribute', assignment: a })} data-testid="action-contribute">
          {t('handling.action.contribute')}
        </Button>
      )}
      {ab.passDown && (
        <Button onClick={() => onAction({ kind: 'passDown', assignment: a })} data-testid="action-pass-down">
          {t('handling.action.passDown')}
        </Button>
      )}
      {ab.requestExtension && (
        <Button onClick={() => onAction({ kind: 'extension', assignment: a })} data-testid="action-extension">
          {t('handling.action.extension')}
        </Button>
      )}
      {ab.return && (
        <Button danger onClick={() => onAction({ kind: 'return', assignment: a })} data-testid="action-return">
          {t('handling.action.return')}
        </Button>
      )}
    </Space>
  );
}

/** 签收 needs no form: one click. */
export function SignButton({ a, size }: { a: Pick<Assignment, 'id' | 'unit'>; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const sign = useSignAssignment();
  return (
    <Button
      type="primary"
      size={size}
      loading={sign.isPending}
      // mutateAsync: the row may leave the list (and unmount) before the answer is handled.
      onClick={() =>
        sign.mutateAsync(a.id).then(
          () => void message.success(t('handling.sign.done', { unit: a.unit.name })),
          (error: unknown) => void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic')),
        )
      }
      data-testid="action-sign"
    >
      {t('handling.action.sign')}
    </Button>
  );
}
