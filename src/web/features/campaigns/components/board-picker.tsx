import { Segmented, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { RegionCascader } from '../../../components/region-cascader';
import { useT } from '../../../lib/i18n';
import { useBoardOptions, type BoardOption } from '../api/get-boards';

interface Props {
  id?: string;
  /** Form value: the board id. */
  value?: number;
  onChange?: (boardId: number | undefined) => void;
  /** The board already chosen (editing), so it shows by name before any list loads. */
  initial?: { id: number; name: string } | null;
  disabled?: boolean;
}

/**
 * The board entries are filed under: a ministry's board (部委), or a leader's board of a region
 * (地方: pick the region, then the board). Form value: the board id.
 */
export function BoardPicker({ id, value, onChange, initial, disabled }: Props) {
  const t = useT();
  const [kind, setKind] = useState<'ministry' | 'leader'>('ministry');
  const [region, setRegion] = useState<string | undefined>(undefined);
  const kindId = useId();
  const regionId = useId();
  const boards = useBoardOptions(kind === 'ministry' ? { kind: 'ministry' } : region ? { region } : null);
  const options: BoardOption[] = boards.data ?? [];
  const known = initial && !options.some((b) => b.id === initial.id) ? [{ value: initial.id, label: initial.name }] : [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} className="board-picker">
      {!disabled && (
        <Space wrap>
          <span id={kindId} className="visually-hidden">
            {t('campaigns.form.boardKind')}
          </span>
          <Segmented<'ministry' | 'leader'>
            aria-labelledby={kindId}
            value={kind}
            onChange={(next) => {
              setKind(next);
              onChange?.(undefined);
            }}
            options={[
              { value: 'ministry', label: t('campaigns.form.boardMinistry') },
              { value: 'leader', label: t('campaigns.form.boardLeader') },
            ]}
          />
          {kind === 'leader' && (
            <span className="board-picker-region">
              <label htmlFor={regionId} className="visually-hidden">
                {t('campaigns.form.boardRegion')}
              </label>
              <RegionCascader id={regionId} value={region} onChange={setRegion} />
            </span>
          )}
        </Space>
      )}
      <Select<number>
        id={id}
        value={value}
        onChange={onChange}
        disabled={disabled}
        showSearch={{ optionFilterProp: 'label' }}
        loading={boards.isFetching}
        placeholder={kind === 'leader' && !region ? t('campaigns.form.boardPickRegion') : t('campaigns.form.boardPlaceholder')}
        notFoundContent={boards.isError ? t('error.generic') : t('common.empty')}
        options={[...known, ...options.map((b) => ({ value: b.id, label: b.name }))]}
        style={{ width: '100%' }}
        data-testid="board-select"
      />
    </Space>
  );
}
