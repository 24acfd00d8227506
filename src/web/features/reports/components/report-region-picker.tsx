import { Checkbox, Space } from 'antd';
import { RegionCascader } from '../../../components/region-cascader';
import { useT } from '../../../lib/i18n';

export const NATIONAL = '000000';

interface Props {
  id?: string;
  /** Form value: a region code, 000000 for the whole country. */
  value?: string;
  onChange?: (code: string | undefined) => void;
}

/** The whole country, or one region picked level by level. */
export function ReportRegionPicker({ id, value, onChange }: Props) {
  const t = useT();
  const national = value === NATIONAL;
  return (
    <Space wrap className="report-region-picker">
      <Checkbox checked={national} onChange={(event) => onChange?.(event.target.checked ? NATIONAL : undefined)}>
        {t('reports.region.national')}
      </Checkbox>
      {!national && (
        <div style={{ minWidth: '16rem' }}>
          <RegionCascader id={id} value={value} onChange={onChange} />
        </div>
      )}
    </Space>
  );
}
