/**
 * Applies a transition of the state machine (src/shared/messages.ts) to a
 * message row: status, public tab, listed flag and the tab tallies change
 * together, in the caller's transaction, or not at all.
 */
import { canTransition, publicStatusOf, TRANSITIONS, type MessageAction, type MessageStatus, type PublicStatus } from '../../../shared/messages.js';
import type { Executor } from '../../db/database.js';
import type { MessagesTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { DomainError } from '../../http/errors.js';
import { moveTally, tallyScopes, type MessageRow } from './messages.repository.js';

/** @throws DomainError message_state when the action is not allowed from the current status. */
export async function transition(tx: Executor, row: MessageRow, action: MessageAction, patch: Updateable<MessagesTable> = {}): Promise<MessageStatus> {
  const from = row.status as MessageStatus;
  if (!canTransition(from, action)) throw new DomainError('message_state');
  const to = TRANSITIONS[action].to ?? from;
  const isPublic = patch.is_public ?? row.is_public;
  const publicStatus: PublicStatus | null = isPublic ? publicStatusOf(to) : null;
  const listed = publicStatus !== null;
  await tx
    .updateTable('messages')
    .set({ ...patch, status: to, public_status: publicStatus, listed })
    .where('id', '=', row.id)
    .execute();
  const wasListedAs = row.listed ? (row.public_status as PublicStatus) : null;
  await moveTally(tx, tallyScopes(row), wasListedAs, publicStatus);
  return to;
}
