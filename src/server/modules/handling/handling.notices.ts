/**
 * Who hears about what in handling, and in which words. Every notice is sent
 * inside the transaction of the change it reports, so a rolled-back change
 * tells nobody and a committed one tells each recipient once.
 */
import type { Executor } from '../../db/database.js';
import { notify, type LocalizedText } from '../notifications/notifications.service.js';

const t = (zh: string, tw: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'zh-TW': tw, en });

export const staffLink = (messageId: string) => `/console/messages/${messageId}`;
const publicLink = (messageId: string) => `/messages/${messageId}`;

interface MessageRef {
  id: string;
  number: string;
  title: string;
}

const label = (m: MessageRef) => `${m.number}「${m.title}」`;

export async function noticeAssigned(tx: Executor, m: MessageRef, unitIds: string[], passedDown: boolean) {
  if (unitIds.length === 0) return;
  await notify(tx, {
    kind: 'assigned',
    recipients: { unitIds },
    messageId: m.id,
    title: passedDown ? t(`上级单位转办留言 ${label(m)}，请及时签收`, `上級單位轉辦留言 ${label(m)}，請及時簽收`, `A message was passed down to your unit: ${label(m)}; please sign for it`) : t(`新交办留言 ${label(m)}，请及时签收`, `新交辦留言 ${label(m)}，請及時簽收`, `New assignment: ${label(m)}; please sign for it`),
    link: staffLink(m.id),
  });
}

export async function noticeReturned(tx: Executor, m: MessageRef, to: { accountIds?: string[]; unitIds?: string[] }, unitName: string, reason: string) {
  await notify(tx, {
    kind: 'returned',
    recipients: to,
    messageId: m.id,
    title: t(`${unitName} 退回了留言 ${label(m)}`, `${unitName} 退回了留言 ${label(m)}`, `${unitName} returned ${label(m)}`),
    body: t(`退回理由：${reason}`, `退回理由：${reason}`, `Reason: ${reason}`),
    link: staffLink(m.id),
  });
}

export async function noticeToAccounts(tx: Executor, kind: string, m: MessageRef, accountIds: string[], title: LocalizedText, body?: LocalizedText) {
  if (accountIds.length === 0) return;
  await notify(tx, { kind, recipients: { accountIds }, messageId: m.id, title, body: body ?? null, link: staffLink(m.id) });
}

export async function noticeToUnits(tx: Executor, kind: string, m: MessageRef, unitIds: string[], title: LocalizedText, body?: LocalizedText, dedupeKey?: string) {
  if (unitIds.length === 0) return;
  await notify(tx, { kind, recipients: { unitIds }, messageId: m.id, title, body: body ?? null, link: staffLink(m.id), dedupeKey: dedupeKey ?? null });
}

/** The citizen hears that a reply was published (in the app and by SMS). */
export async function noticeReplyPublished(tx: Executor, m: MessageRef & { author_id: string }, unitName: string, final: boolean) {
  await notify(tx, {
    kind: 'reply_published',
    recipients: { accountIds: [m.author_id] },
    messageId: m.id,
    title: final
      ? t(`${unitName} 回复了您的留言「${m.title}」，欢迎评价`, `${unitName} 回覆了您的留言「${m.title}」，歡迎評價`, `${unitName} replied to your message "${m.title}"; please rate the reply`)
      : t(`${unitName} 对您的留言「${m.title}」作了阶段性回复`, `${unitName} 對您的留言「${m.title}」作了階段性回覆`, `${unitName} posted an interim reply to your message "${m.title}"`),
    link: publicLink(m.id),
    channels: { sms: final },
  });
}

/** The accounts that assigned the open round (the coordinator's side): the top-level assigners. */
export async function roundAssigners(tx: Executor, messageId: string, round: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('assignments')
    .select('assigned_by')
    .distinct()
    .where('message_id', '=', messageId)
    .where('round', '=', round)
    .where('parent_id', 'is', null)
    .where('assigned_by', 'is not', null)
    .execute();
  return rows.map((r) => r.assigned_by!);
}

/** 不满意: the coordinator who assigned the message hears of it with the grade and the comment. */
export async function onDissatisfied(tx: Executor, m: MessageRef & { round: number }, grade: string, comment: string | null) {
  const to = await roundAssigners(tx, m.id, m.round);
  const gradeZh = grade === 'very_dissatisfied' ? '很不满意' : '不满意';
  const gradeTw = grade === 'very_dissatisfied' ? '很不滿意' : '不滿意';
  const gradeEn = grade === 'very_dissatisfied' ? 'very dissatisfied' : 'dissatisfied';
  await noticeToAccounts(
    tx,
    'dissatisfied',
    m,
    to,
    t(`网民对留言 ${label(m)} 的办理${gradeZh}，请研判重办或说明办结`, `網民對留言 ${label(m)} 的辦理${gradeTw}，請研判重辦或說明辦結`, `The author is ${gradeEn} with ${label(m)}: reopen it or close it with an explanation`),
    comment ? t(`评价意见：${comment}`, `評價意見：${comment}`, `Comment: ${comment}`) : undefined,
  );
}
