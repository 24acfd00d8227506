import { Button, Card, Form, Input, Radio, Result } from 'antd';
import { useState } from 'react';
import { BOARD_KINDS, type BoardKind } from '../../../../shared/domain';
import { ButtonLink } from '../../../components/button-link';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { UnitSelect } from '../../../components/unit-select';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCreateBoard, type CreateBoardInput, type CreatedBoard } from '../api/create-board';

const FIELDS = ['kind', 'title', 'regionCode', 'unitId', 'name'] as const;

export function CreateBoardPage() {
  const t = useT();
  useDocumentTitle(t('consoleBoards.title'));
  const [form] = Form.useForm<CreateBoardInput>();
  const kind = Form.useWatch('kind', form) ?? 'leader';
  const create = useCreateBoard();
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: CreateBoardInput) => {
    setGeneralError(null);
    const input: CreateBoardInput = {
      kind: values.kind,
      title: values.title.trim(),
      unitId: values.unitId,
      name: values.name?.trim() || undefined,
      regionCode: values.kind === 'leader' ? values.regionCode : undefined,
    };
    create.mutate(input, {
      onSuccess: (board) => {
        setCreated(board);
        form.resetFields();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
      },
    });
  };

  return (
    <>
      <h1 className="page-title">{t('consoleBoards.title')}</h1>
      {created ? (
        <Result
          status="success"
          title={<h2 className="result-title">{t('consoleBoards.created', { name: created.name })}</h2>}
          extra={[
            <ButtonLink key="view" type="primary" to={`/board/${created.id}`}>
              {t('consoleBoards.view')}
            </ButtonLink>,
            <Button key="again" onClick={() => setCreated(null)}>
              {t('consoleBoards.createAnother')}
            </Button>,
          ]}
        />
      ) : (
        <Card className="console-form-card">
          {generalError !== null && (
            <div className="form-alert">
              <ErrorAlert error={generalError} />
            </div>
          )}
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'leader' }} disabled={create.isPending}>
            <Form.Item name="kind" label={t('consoleBoards.kind')}>
              <Radio.Group
                optionType="button"
                options={BOARD_KINDS.map((k: BoardKind) => ({ value: k, label: t(`board.kind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={kind === 'leader' ? t('consoleBoards.position') : t('consoleBoards.ministryName')}
              extra={kind === 'leader' ? t('consoleBoards.positionHelp') : t('consoleBoards.ministryHelp')}
              rules={[{ required: true, whitespace: true, message: t('consoleBoards.titleRequired') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            {kind === 'leader' && (
              <Form.Item name="regionCode" label={t('consoleBoards.region')} rules={[{ required: true, message: t('units.form.regionRequired') }]}>
                <RegionCascader />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('consoleBoards.name')} extra={t('consoleBoards.nameHelp')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="unitId" label={t('consoleBoards.unit')} extra={t('consoleBoards.unitHelp')}>
              <UnitSelect />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('consoleBoards.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
