/** Loading and locking for handling actions; one lock order everywhere: the message row, then assignments. */
import type { Executor } from '../../db/database.js';
import type { Localized } from '../../http/locale.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { findMessage, staffSeesBoard, staffSeesMessage, type MessageRow } from '../messages/messages.repository.js';
import { actsForUnit, findAssignment, type AssignmentRow } from './handling.repository.js';

/** The message, locked, when the staff actor's region or unit scope covers its board. @throws not_found. */
export async function lockMessageInRegion(tx: Executor, actor: Actor, id: string): Promise<MessageRow> {
  const row = await findMessage(tx, id, true);
  if (!row || !(await staffSeesBoard(tx, actor, row.board_id))) throw new DomainError('not_found');
  return row;
}

/** The message, locked, when the staff actor may see it at all (board scope or an assignment to its units). @throws not_found. */
export async function lockVisibleMessage(tx: Executor, actor: Actor, id: string): Promise<MessageRow> {
  const row = await findMessage(tx, id, true);
  if (!row || !(await staffSeesMessage(tx, actor, row))) throw new DomainError('not_found');
  return row;
}

/**
 * An assignment the actor acts for (its unit is the actor's unit or below),
 * with its message; both locked, message first. @throws not_found.
 */
export async function lockOwnAssignment(tx: Executor, actor: Actor, assignmentId: string): Promise<{ assignment: AssignmentRow; message: MessageRow }> {
  const peek = await findAssignment(tx, assignmentId);
  if (!peek || !(await actsForUnit(tx, actor, peek.unit_id))) throw new DomainError('not_found');
  const message = (await findMessage(tx, peek.message_id, true))!;
  const assignment = (await findAssignment(tx, assignmentId, true))!;
  return { assignment, message };
}

/** Trimmed text that must not be empty. @throws validation_failed naming the field. */
export function requireText(field: string, value: string | undefined, what: Localized): string {
  const text = (value ?? '').trim();
  if (text.length === 0) {
    throw invalidField(field, 'minLength', { 'zh-CN': `${what['zh-CN']}不能为空`, 'zh-TW': `${what['zh-TW']}不能為空`, en: `${what.en} must not be empty` });
  }
  return text;
}

export const T = {
  reply: { 'zh-CN': '回复内容', 'zh-TW': '回覆內容', en: 'the reply' },
  reason: { 'zh-CN': '理由', 'zh-TW': '理由', en: 'the reason' },
  note: { 'zh-CN': '内容', 'zh-TW': '內容', en: 'the text' },
  summary: { 'zh-CN': '联系情况', 'zh-TW': '聯繫情況', en: 'the contact summary' },
  requirements: { 'zh-CN': '督办要求', 'zh-TW': '督辦要求', en: 'the requirements' },
  explanation: { 'zh-CN': '办结说明', 'zh-TW': '辦結說明', en: 'the explanation' },
  outcome: { 'zh-CN': '回访情况', 'zh-TW': '回訪情況', en: 'the outcome' },
} satisfies Record<string, Localized>;
