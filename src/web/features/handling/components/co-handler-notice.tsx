import { Alert, Form } from 'antd';
import { useT } from '../../../lib/i18n';
import { useStaffMessage } from '../api/get-staff-message';

const OPEN = new Set(['pending', 'signed', 'passed_down']);

/**
 * Beside a lead unit's final reply: what the co-handlers of this round contributed, and a warning
 * when one has not signed or not sent its part yet (the final reply ends their work).
 */
export function CoHandlerNotice({ messageId }: { messageId: number }) {
  const t = useT();
  const form = Form.useFormInstance();
  const kind = Form.useWatch('kind', form) as 'final' | 'interim' | undefined;
  const message = useStaffMessage(String(messageId));
  const handling = message.data?.handling;
  if (!handling) return null;
  const co = handling.assignments.filter((a) => a.round === handling.round && a.role === 'co');
  if (co.length === 0) return null;
  const missing = co.filter((a) => OPEN.has(a.status));
  const contributions = (message.data?.timeline ?? []).filter((e) => e.kind === 'contribution' && co.some((a) => a.unit.id === e.unit?.id));
  return (
    <div className="co-handler-notice" data-testid="co-handler-notice">
      {kind === 'final' && missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="co-handler-warning"
          data-testid="co-handler-warning"
          message={t('handling.reply.coMissing', { units: missing.map((a) => `${a.unit.name}（${t(a.status === 'pending' ? 'handling.reply.coNotSigned' : 'handling.reply.coNoPart')}）`).join('、') })}
          description={t('handling.reply.coMissingHelp')}
        />
      )}
      {contributions.length > 0 && (
        <section className="co-handler-parts" aria-label={t('handling.reply.coParts')}>
          <h3 className="field-label">{t('handling.reply.coParts')}</h3>
          {contributions.map((e) => (
            <blockquote key={e.id} className="co-handler-part">
              <strong>{e.unit?.name}</strong>
              <p className="message-body">{e.body}</p>
            </blockquote>
          ))}
        </section>
      )}
    </div>
  );
}
