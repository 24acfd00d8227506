import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitSelect } from '../../../components/unit-select';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useUpdateBoard, type ConsoleBoard, type UpdateBoardInput } from '../api/manage-board';

const FIELDS = ['title', 'name', 'unitId'] as const;

interface Values {
  title: string;
  name: string;
  unitId: number | undefined;
}

/** The position (title), the full name and the handling unit; only changed fields are sent. */
export function EditBoardForm({ board, onDone }: { board: ConsoleBoard; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateBoard();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setGeneralError(null);
    const input: UpdateBoardInput = {};
    if (values.title.trim() !== board.title) input.title = values.title.trim();
    if (values.name.trim() !== board.name) input.name = values.name.trim();
    const unitId = values.unitId ?? null;
    if (unitId !== (board.unit?.id ?? null)) input.unitId = unitId;
    if (Object.keys(input).length === 0) return onDone();
    update.mutate(
      { id: board.id, input },
      {
        onSuccess: (saved) => {
          void message.success(t('consoleBoards.saved', { name: saved.name }));
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={update.isPending} initialValues={{ title: board.title, name: board.name, unitId: board.unit?.id }}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item
        name="title"
        label={board.kind === 'leader' ? t('consoleBoards.position') : t('consoleBoards.ministryName')}
        rules={[{ required: true, whitespace: true, message: t('consoleBoards.titleRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="name" label={t('consoleBoards.fullName')} rules={[{ required: true, whitespace: true, message: t('consoleBoards.titleRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="unitId" label={t('consoleBoards.unit')} extra={t('consoleBoards.unitHelp')}>
        <UnitSelect initialLabel={board.unit?.name} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="edit-board-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
