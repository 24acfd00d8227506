/** The content of a message's latest 交办函 / 督办函, for the printable page and the PDF. */
import { sql } from 'kysely';
import type { LetterContent, LetterKind } from '../../../shared/letters.js';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { findMessage, staffSeesMessage } from '../messages/messages.repository.js';
import { renderLetterPdf } from '../letters/letter-pdf.js';
import { assignmentsOf } from './handling.repository.js';

const CLASS_LABEL: Record<string, string> = { special: '特别办', timely: '及时办', coordinated: '协调办', high: '高位办' };
const TYPE_LABEL: Record<string, string> = { consult: '咨询', suggest: '建言', complain: '投诉', help: '求助', thanks: '感谢' };

/** @throws forbidden, not_found (no such message in scope, or no letter of the kind yet). */
export async function letterContent(db: Database, actor: Actor | null, messageId: string, kind: LetterKind): Promise<LetterContent> {
  authorize(actor, 'message.read_internal');
  const m = await findMessage(db, messageId);
  if (!m || !(await staffSeesMessage(db, actor, m))) throw new DomainError('not_found');
  const letter = await db
    .selectFrom('letters')
    .leftJoin('units', 'units.id', 'letters.issuer_unit_id')
    .selectAll('letters')
    .select(sql<string | null>`coalesce(unit_name_at(units.id, letters.issued_at), units.name)`.as('issuer_name'))
    .where('letters.message_id', '=', m.id)
    .where('letters.kind', '=', kind)
    .orderBy('letters.id', 'desc')
    .executeTakeFirst();
  if (!letter) throw new DomainError('not_found');
  // Every unit under the name it had when the letter was issued.
  const all = await assignmentsOf(db, m.id, new Date(letter.issued_at));
  const lead = all.find((a) => a.id === letter.assignment_id) ?? null;
  const round = lead?.round ?? m.round;
  const inRound = all.filter((a) => a.round === round && a.status !== 'cancelled');
  // The chain: from the letter's lead assignment down along lead children.
  const chain: string[] = [];
  let cursor = lead;
  while (cursor) {
    chain.push(cursor.unit_name);
    const parentId: string = cursor.id;
    cursor = inRound.find((a) => a.parent_id === parentId && a.role === 'lead') ?? null;
  }
  const bottom = lead ? (inRound.filter((a) => a.role === 'lead').find((a) => a.unit_name === chain[chain.length - 1]) ?? lead) : null;
  const field = await db.selectFrom('fields').select('name_zh').where('code', '=', m.field_code).executeTakeFirst();
  const region = await db.selectFrom('regions').select('name').where('code', '=', m.region_code).executeTakeFirst();
  const seq = String(letter.seq).padStart(6, '0');
  return {
    kind,
    letterNumber: kind === 'assignment' ? `民声交办〔${letter.year}〕第${seq}号` : `民声督办〔${letter.year}〕第${seq}号`,
    issuer: letter.issuer_name ?? '民声平台',
    recipient: kind === 'supervision' && bottom ? bottom.unit_name : (lead?.unit_name ?? ''),
    coHandlers: inRound.filter((a) => a.role === 'co' && a.parent_id === (lead?.parent_id ?? null)).map((a) => a.unit_name),
    handlingClass: CLASS_LABEL[lead?.handling_class ?? m.handling_class ?? 'timely'] ?? '',
    message: {
      number: m.number,
      title: m.title,
      body: m.body,
      type: TYPE_LABEL[m.type] ?? m.type,
      field: field?.name_zh ?? m.field_code,
      region: region?.name ?? m.region_code,
      submittedAt: new Date(m.created_at).toISOString(),
      author: m.author_nickname,
      boardName: m.board_name,
    },
    deadlines: {
      sign: lead ? new Date(lead.sign_due).toISOString() : null,
      contact: lead ? new Date(lead.contact_due).toISOString() : null,
      reply: (kind === 'supervision' && bottom ? bottom : lead) ? new Date((kind === 'supervision' && bottom ? bottom : lead)!.reply_due).toISOString() : null,
    },
    requirements: letter.requirements,
    chain,
    issuedAt: new Date(letter.issued_at).toISOString(),
  };
}

export async function letterPdf(db: Database, actor: Actor | null, messageId: string, kind: LetterKind): Promise<{ pdf: Buffer; filename: string }> {
  const content = await letterContent(db, actor, messageId, kind);
  return { pdf: await renderLetterPdf(content), filename: `${kind === 'assignment' ? '交办函' : '督办函'}-${content.message.number}.pdf` };
}
