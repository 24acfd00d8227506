import { App, Button, Card, Form, Radio, Skeleton } from 'antd';
import { useEffect, useId, useState } from 'react';
import { REPLY_REVIEW_MODES, type ReplyReviewMode } from '../../../../shared/handling';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitSelect } from '../../../components/unit-select';
import { useT } from '../../../lib/i18n';
import { useReviewMode, useSetReviewMode } from '../api/reply-review-mode';

/**
 * For unit admins: whether the replies of a unit in their subtree need
 * approval before publication (无需审核 / 单位管理员审核 / 协调员审核).
 */
export function ReviewModeCard({ ownUnitId }: { ownUnitId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number | undefined>(ownUnitId);
  const current = useReviewMode(unitId);
  const save = useSetReviewMode();
  const [mode, setMode] = useState<ReplyReviewMode | undefined>();
  const headingId = useId();

  useEffect(() => setMode(current.data?.mode), [current.data?.mode]);

  return (
    <Card
      className="review-mode-card"
      aria-labelledby={headingId}
      title={
        <h2 id={headingId} className="card-title">
          {t('reviewMode.title')}
        </h2>
      }
      data-testid="review-mode-card"
    >
      <p className="muted review-mode-intro">{t('reviewMode.intro')}</p>
      <Form layout="vertical" onFinish={() => {
        if (unitId === undefined || mode === undefined) return;
        save.mutate(
          { unitId, mode },
          { onSuccess: (saved) => void message.success(t('reviewMode.saved', { unit: saved.unitName, mode: t(`reviewMode.${saved.mode}`) })) },
        );
      }}>
        <Form.Item label={t('reviewMode.unit')} htmlFor="review-mode-unit">
          <UnitSelect id="review-mode-unit" value={unitId} onChange={setUnitId} data-testid="review-mode-unit" />
        </Form.Item>
        {current.isFetching && !current.data ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : current.isError ? (
          <ErrorAlert error={current.error} />
        ) : (
          unitId !== undefined && (
            <fieldset className="plain-fieldset">
              <legend className="field-label">{t('reviewMode.mode')}</legend>
              <Radio.Group
                className="review-mode-options"
                value={mode}
                onChange={(event) => setMode(event.target.value as ReplyReviewMode)}
                options={REPLY_REVIEW_MODES.map((value) => ({ value, label: t(`reviewMode.${value}`) }))}
              />
            </fieldset>
          )
        )}
        {save.isError && (
          <div className="form-alert">
            <ErrorAlert error={save.error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={unitId === undefined || mode === undefined || mode === current.data?.mode} data-testid="review-mode-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
