import { Form, Input } from 'antd';
import { BODY_MAX, BODY_MIN, MAX_PHOTOS, TITLE_MAX, TITLE_MIN } from '../../shared/messages';
import { useT } from '../lib/i18n';
import { PhotoUploader } from './photo-uploader';

interface Props {
  /** The form's own words for its title and text (a message, a campaign entry …). */
  labels: { title: string; titlePlaceholder: string; body: string; bodyHelp: string; bodyRequired: string; bodyLength: string };
  onUploadBusy: (busy: boolean) => void;
}

/** A message's title, text and photos, with the server's limits: whatever the form files a message for. */
export function MessageTextFields({ labels, onUploadBusy }: Props) {
  const t = useT();
  return (
    <>
      <Form.Item
        name="title"
        label={labels.title}
        rules={[
          { required: true, whitespace: true, message: t('write.titleRequired') },
          { min: TITLE_MIN, max: TITLE_MAX, message: t('write.titleLength', { min: TITLE_MIN, max: TITLE_MAX }) },
        ]}
      >
        <Input maxLength={TITLE_MAX} showCount placeholder={labels.titlePlaceholder} />
      </Form.Item>
      <Form.Item
        name="body"
        label={labels.body}
        extra={labels.bodyHelp}
        rules={[
          { required: true, whitespace: true, message: labels.bodyRequired },
          { min: BODY_MIN, max: BODY_MAX, message: labels.bodyLength },
        ]}
      >
        <Input.TextArea maxLength={BODY_MAX} showCount autoSize={{ minRows: 6, maxRows: 16 }} />
      </Form.Item>
      <Form.Item name="photoIds" label={t('write.photos')} extra={t('write.photosHelp', { max: MAX_PHOTOS })}>
        <PhotoUploader onBusyChange={onUploadBusy} />
      </Form.Item>
    </>
  );
}
