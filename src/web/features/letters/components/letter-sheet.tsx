import { Fragment, type ReactNode } from 'react';
import { formatLetterDate, formatLetterDateTime, LETTER_TIME_ZONE, type LetterContent, type LetterKind } from '../../../../shared/letters';
import type { Locale } from '../../../../shared/domain';
import { useT, type MessageKey } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import './letter.css';

export const LETTER_KIND_KEYS: Record<LetterKind, MessageKey> = {
  assignment: 'letters.kind.assignment',
  supervision: 'letters.kind.supervision',
};

const INTRO_KEYS: Record<LetterKind, MessageKey> = {
  assignment: 'letters.intro.assignment',
  supervision: 'letters.intro.supervision',
};

const REQUIREMENTS_KEYS: Record<LetterKind, MessageKey> = {
  assignment: 'letters.section.requirements.assignment',
  supervision: 'letters.section.requirements.supervision',
};

/** Chinese letters write 2026年10月9日 18:00 in Beijing time, as the PDF does; English gets its own format. */
function formatInstant(iso: string, locale: Locale, withTime: boolean): string {
  if (locale !== 'en') return withTime ? formatLetterDateTime(iso) : formatLetterDate(iso);
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    ...(withTime && { timeStyle: 'short' }),
    timeZone: LETTER_TIME_ZONE,
  }).format(new Date(iso));
}

type Cell = { label: MessageKey; value: ReactNode };

/** Label/value pairs, two to a row; a lone pair spans the row. */
function LetterTable({ rows }: { rows: Cell[][] }) {
  const t = useT();
  return (
    <table className="letter-table">
      <tbody>
        {rows.map((cells) => (
          <tr key={cells.map((c) => c.label).join()}>
            {cells.map((cell) => (
              <Fragment key={cell.label}>
                <th scope="row">{t(cell.label)}</th>
                <td colSpan={cells.length === 1 ? 3 : undefined}>{cell.value}</td>
              </Fragment>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function pairs(cells: Cell[]): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push(cells.slice(i, i + 2));
  return rows;
}

/**
 * 交办函 / 督办函 as an A4 sheet, the same content and order as the server's PDF
 * (src/server/modules/letters/letter-pdf.ts). All user text is plain React text.
 */
export function LetterSheet({ letter }: { letter: LetterContent }) {
  const t = useT();
  const { locale } = usePreferences();
  const when = (iso: string, withTime = true) => <time dateTime={iso}>{formatInstant(iso, locale, withTime)}</time>;
  const numerals = t('letters.numerals').split('|');
  const heading = (index: number, key: MessageKey) => t('letters.sectionHeading', { n: numerals[index] ?? String(index + 1), title: t(key) });
  const { message, deadlines } = letter;

  const terms: Cell[] = [{ label: 'letters.field.handlingClass', value: letter.handlingClass }];
  if (deadlines.sign) terms.push({ label: 'letters.field.signDeadline', value: when(deadlines.sign) });
  if (deadlines.contact) terms.push({ label: 'letters.field.contactDeadline', value: when(deadlines.contact) });
  if (deadlines.reply) terms.push({ label: 'letters.field.replyDeadline', value: when(deadlines.reply) });

  return (
    <article className="letter-sheet" aria-labelledby="letter-title">
      <header className="letter-head">
        <h2 id="letter-title" className="letter-title">
          {t('letters.heading', { issuer: letter.issuer, kind: t(LETTER_KIND_KEYS[letter.kind]) })}
        </h2>
        <p className="letter-number">{letter.letterNumber}</p>
      </header>

      <p className="letter-to">{t('letters.to', { recipient: letter.recipient })}</p>
      <p className="letter-intro">
        {t(INTRO_KEYS[letter.kind], {
          author: message.author,
          submittedAt: formatInstant(message.submittedAt, locale, true),
          number: message.number,
        })}
      </p>

      <section aria-labelledby="letter-message">
        <h3 id="letter-message">{heading(0, 'letters.section.message')}</h3>
        <LetterTable
          rows={[
            [
              { label: 'letters.field.number', value: message.number },
              { label: 'letters.field.submittedAt', value: when(message.submittedAt) },
            ],
            [{ label: 'letters.field.title', value: message.title }],
            [
              { label: 'letters.field.type', value: message.type },
              { label: 'letters.field.field', value: message.field },
            ],
            [
              { label: 'letters.field.region', value: message.region },
              { label: 'letters.field.board', value: message.boardName },
            ],
          ]}
        />
      </section>

      <section aria-labelledby="letter-body">
        <h3 id="letter-body">{heading(1, 'letters.section.body')}</h3>
        <div className="letter-body">{message.body}</div>
      </section>

      <section aria-labelledby="letter-requirements">
        <h3 id="letter-requirements">{heading(2, REQUIREMENTS_KEYS[letter.kind])}</h3>
        <LetterTable
          rows={[
            [{ label: 'letters.field.lead', value: letter.recipient }],
            [
              {
                label: 'letters.field.coHandlers',
                value: letter.coHandlers.length > 0 ? letter.coHandlers.join(t('common.listSeparator')) : t('common.none'),
              },
            ],
            ...(letter.chain.length > 0 ? [[{ label: 'letters.field.chain', value: letter.chain.join(' → ') } satisfies Cell]] : []),
            ...pairs(terms),
          ]}
        />
        <p className="letter-requirements">
          <strong>{t('letters.requirementsLead', { label: t(REQUIREMENTS_KEYS[letter.kind]) })}</strong>
          {letter.requirements.trim() === '' ? t('common.none') : letter.requirements}
        </p>
      </section>

      <footer className="letter-signature">
        <p>{letter.issuer}</p>
        <p>{when(letter.issuedAt, false)}</p>
      </footer>
    </article>
  );
}
