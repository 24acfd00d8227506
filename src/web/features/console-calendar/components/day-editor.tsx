import { App, Button, Form, Input, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { CalendarKind } from '../../../../shared/calendar';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../lib/i18n';
import { useSetCalendarDay } from '../api/change-calendar';

export interface DayDraft {
  day: string;
  kind: CalendarKind | 'normal';
  name: string;
}

/** 修改单日: one date made a holiday, a make-up working day, or an ordinary day again. */
export function DayEditor({ draft, onDone }: { draft: DayDraft; onDone: (day: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const setDay = useSetCalendarDay();
  const [value, setValue] = useState<DayDraft>(draft);
  useEffect(() => setValue(draft), [draft]);

  const save = () =>
    setDay.mutate(
      { day: value.day, kind: value.kind, name: value.kind === 'normal' ? null : value.name.trim() },
      {
        onSuccess: (result) => {
          void message.success(t('calendar.saved', { n: result.recomputed?.length ?? 0 }));
          onDone(value.day);
        },
      },
    );

  return (
    <Form layout="vertical" className="calendar-day-editor" onFinish={save}>
      <Form.Item label={t('calendar.dayField')} htmlFor="calendar-day">
        <Input id="calendar-day" type="date" required value={value.day} onChange={(e) => setValue({ ...value, day: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('calendar.kindField')}>
        <Radio.Group value={value.kind} onChange={(e) => setValue({ ...value, kind: e.target.value })} aria-label={t('calendar.kindField')}>
          <Radio.Button value="holiday">{t('calendar.kind.holiday')}</Radio.Button>
          <Radio.Button value="workday">{t('calendar.kind.workday')}</Radio.Button>
          <Radio.Button value="normal">{t('calendar.kind.normal')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {value.kind !== 'normal' && (
        <Form.Item label={t('calendar.nameField')} htmlFor="calendar-day-name">
          <Input id="calendar-day-name" required maxLength={50} value={value.name} onChange={(e) => setValue({ ...value, name: e.target.value })} />
        </Form.Item>
      )}
      <ErrorAlert error={setDay.error} />
      <Space>
        <Button type="primary" htmlType="submit" loading={setDay.isPending} disabled={!value.day}>
          {t('calendar.save')}
        </Button>
      </Space>
    </Form>
  );
}
