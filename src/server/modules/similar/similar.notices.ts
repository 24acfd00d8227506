/**
 * What the author of a message marked 重复留言 hears: which earlier public
 * message already covers it (its number and a link to its page), sent in the
 * transaction of the decision, like every screening notice.
 */
import type { Executor } from '../../db/database.js';
import { notify } from '../notifications/notifications.service.js';

export async function noticeDuplicate(tx: Executor, m: { id: string; title: string; author_id: string }, original: { id: string; number: string; title: string }, note: string | null): Promise<void> {
  await notify(tx, {
    kind: 'duplicate',
    recipients: { accountIds: [m.author_id] },
    messageId: m.id,
    title: { 'zh-CN': `您的留言「${m.title}」为重复留言`, 'zh-TW': `您的留言「${m.title}」為重複留言`, en: `Your message "${m.title}" duplicates an earlier one` },
    body: {
      'zh-CN': `同一事项已有公开留言及回复，请查看编号 ${original.number} 的留言「${original.title}」${note ? `。说明：${note}` : ''}`,
      'zh-TW': `同一事項已有公開留言及回覆，請查看編號 ${original.number} 的留言「${original.title}」${note ? `。說明：${note}` : ''}`,
      en: `The same matter has a public message and reply: see message ${original.number} "${original.title}"${note ? `. Note: ${note}` : ''}`,
    },
    link: `/messages/${original.id}`,
    channels: { sms: true },
  });
}
