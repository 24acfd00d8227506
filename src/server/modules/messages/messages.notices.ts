/**
 * What the author hears about screening, in which words. Sent inside the
 * transaction of the decision (notify()), so a rolled-back decision tells nobody.
 */
import type { RejectReason } from '../../../shared/messages.js';
import type { Executor } from '../../db/database.js';
import { notify, type LocalizedText } from '../notifications/notifications.service.js';

/** The reasons as the web shows them (src/web/lib/i18n: rejectReason.*); a notification is stored in every language. */
const REJECT_REASON_TEXT: Record<RejectReason, LocalizedText> = {
  duplicate: { 'zh-CN': '重复留言', 'zh-TW': '重複留言', en: 'Duplicate message' },
  no_substance: { 'zh-CN': '无实质内容', 'zh-TW': '無實質內容', en: 'No substantive content' },
  illegal_content: { 'zh-CN': '含违法违规内容', 'zh-TW': '含違法違規內容', en: 'Illegal or prohibited content' },
  litigation: { 'zh-CN': '涉诉涉法', 'zh-TW': '涉訴涉法', en: 'Subject of legal proceedings' },
  out_of_scope: { 'zh-CN': '不属于受理范围', 'zh-TW': '不屬於受理範圍', en: 'Outside the scope of this service' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' },
};

/**
 * 不予受理: the author learns it with the reason and the screener's note, in the
 * app and by SMS, as with a final reply: it is the end of the message's road.
 */
export async function noticeRejected(tx: Executor, m: { id: string; title: string; author_id: string }, reason: RejectReason, note: string | null): Promise<void> {
  const why = REJECT_REASON_TEXT[reason];
  await notify(tx, {
    kind: 'rejected',
    recipients: { accountIds: [m.author_id] },
    messageId: m.id,
    title: { 'zh-CN': `您的留言「${m.title}」未予受理`, 'zh-TW': `您的留言「${m.title}」未予受理`, en: `Your message "${m.title}" was not accepted` },
    body: {
      'zh-CN': `原因：${why['zh-CN']}${note ? `。说明：${note}` : ''}`,
      'zh-TW': `原因：${why['zh-TW']}${note ? `。說明：${note}` : ''}`,
      en: `Reason: ${why.en}${note ? `. Note: ${note}` : ''}`,
    },
    link: `/messages/${m.id}`,
    channels: { sms: true },
  });
}
