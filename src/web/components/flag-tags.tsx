import { WarningOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import { useT, type MessageKey } from '../lib/i18n';

const KINDS: Record<string, MessageKey> = {
  personal_data: 'flag.personal_data',
  sensitive_word: 'flag.sensitive_word',
};
const DATA: Record<string, MessageKey> = {
  mobile: 'flag.data.mobile',
  id_card: 'flag.data.id_card',
  bank_card: 'flag.data.bank_card',
  email: 'flag.data.email',
  plate: 'flag.data.plate',
};

/** The screening flags ('personal_data:mobile', 'sensitive_word' …) as warnings in words. */
export function FlagTags({ flags }: { flags: string[] }) {
  const t = useT();
  return (
    <Space size={[6, 6]} wrap>
      {flags.map((flag) => {
        const [kind = '', detail] = flag.split(':', 2);
        const kindKey = KINDS[kind];
        const detailKey = detail ? DATA[detail] : undefined;
        const text = kindKey
          ? detail
            ? t('flag.withDetail', { kind: t(kindKey), detail: detailKey ? t(detailKey) : detail })
            : t(kindKey)
          : flag;
        return (
          <Tag key={flag} icon={<WarningOutlined aria-hidden />} className="status-tag status-tag-warn" data-testid="flag-tag">
            {text}
          </Tag>
        );
      })}
    </Space>
  );
}
