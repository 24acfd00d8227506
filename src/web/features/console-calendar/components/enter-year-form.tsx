import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Space, Table, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { parseCalendarText, type CalendarEntry } from '../../../../shared/calendar';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../lib/i18n';
import { useEnterCalendarYear } from '../api/change-calendar';

function dayCount(e: CalendarEntry): number {
  if (!e.to) return 1;
  return Math.round((Date.parse(`${e.to}T00:00:00Z`) - Date.parse(`${e.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * 录入全年: the State Council's notice pasted (or a CSV/JSON file read in the browser), read and
 * shown before anything is sent; the server checks every date again and replaces the year.
 */
export function EnterYearForm({ year, onDone }: { year: number; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const enter = useEnterCalendarYear();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const parsed = useMemo(() => (text.trim() ? parseCalendarText(text) : null), [text]);
  const holidays = parsed?.entries.filter((e) => e.kind === 'holiday').reduce((n, e) => n + dayCount(e), 0) ?? 0;
  const workdays = parsed?.entries.filter((e) => e.kind === 'workday').reduce((n, e) => n + dayCount(e), 0) ?? 0;
  const ready = parsed !== null && parsed.errors.length === 0 && parsed.entries.length > 0;

  const readFile = async (f: File | undefined) => {
    if (!f) return;
    setText(await f.text());
  };
  const submit = () => {
    if (!parsed || !ready) return;
    enter.mutate(
      { year, entries: parsed.entries, notice: notice.trim() || null },
      {
        onSuccess: (result) => {
          void message.success(t('calendar.saved', { n: result.recomputed?.length ?? 0 }));
          onDone();
        },
      },
    );
  };

  return (
    <Form layout="vertical" onFinish={submit} className="calendar-enter-year">
      <Alert type="info" showIcon title={t('calendar.replaceWarning', { year })} />
      <Form.Item label={t('calendar.paste')} htmlFor="calendar-paste" extra={t('calendar.pasteHelp')} className="calendar-paste-item">
        <Input.TextArea id="calendar-paste" rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} className="calendar-paste" />
      </Form.Item>
      <Space wrap>
        <Button icon={<UploadOutlined aria-hidden />} onClick={() => file.current?.click()}>
          {t('calendar.upload')}
        </Button>
        <input ref={file} type="file" accept=".csv,.json,.txt,text/csv,application/json,text/plain" style={{ display: 'none' }} aria-hidden tabIndex={-1} onChange={(e) => void readFile(e.target.files?.[0])} />
      </Space>
      <Form.Item label={t('calendar.notice')} htmlFor="calendar-notice" className="calendar-notice-item">
        <Input id="calendar-notice" maxLength={200} value={notice} onChange={(e) => setNotice(e.target.value)} />
      </Form.Item>
      {parsed && parsed.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('calendar.parseErrors')}
          description={
            <ul className="calendar-parse-errors">
              {parsed.errors.map((e) => (
                <li key={`${e.line}-${e.text}`}>{t('calendar.parseError', { line: e.line, reason: t(`calendar.parseReason.${e.reason}`), text: e.text })}</li>
              ))}
            </ul>
          }
        />
      )}
      {parsed && parsed.entries.length > 0 && (
        <>
          <p className="calendar-preview-count" data-testid="calendar-preview">
            {t('calendar.preview', { holidays, workdays })}
          </p>
          <Table
            size="small"
            rowKey={(e) => `${e.from}-${e.kind}`}
            pagination={false}
            dataSource={parsed.entries}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('calendar.col.day'), key: 'range', render: (_, e) => (e.to ? `${e.from} ~ ${e.to}` : e.from) },
              { title: t('calendar.col.kind'), dataIndex: 'kind', render: (kind: CalendarEntry['kind']) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag> },
              { title: t('calendar.col.name'), dataIndex: 'name' },
              { title: t('calendar.col.days'), key: 'n', render: (_, e) => dayCount(e) },
            ]}
          />
        </>
      )}
      <ErrorAlert error={enter.error} />
      <Button type="primary" htmlType="submit" disabled={!ready} loading={enter.isPending} className="calendar-submit-year">
        {t('calendar.submitYear', { year })}
      </Button>
    </Form>
  );
}
