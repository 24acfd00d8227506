import { SendOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useT, type MessageKey } from '../lib/i18n';

interface Props {
  /** The texts: `<keys>.publish`, `.publishConfirm`, `.publishHelp` and `.published`. */
  keys: 'campaigns.console' | 'questionnaires.console';
  publish: () => Promise<unknown>;
  pending: boolean;
  onError: (error: unknown) => void;
  testId?: string;
}

/** 发布 behind a confirmation that says what publishing means; a toast when it is done, the error to the page otherwise. */
export function PublishButton({ keys, publish, pending, onError, testId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const text = (name: 'publish' | 'publishConfirm' | 'publishHelp' | 'published') => t(`${keys}.${name}` satisfies MessageKey);
  return (
    <Popconfirm
      title={text('publishConfirm')}
      description={text('publishHelp')}
      okText={text('publish')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        publish().then(
          () => void message.success(text('published')),
          (e: unknown) => onError(e),
        )
      }
    >
      <Button type="primary" icon={<SendOutlined aria-hidden />} loading={pending} data-testid={testId}>
        {text('publish')}
      </Button>
    </Popconfirm>
  );
}
