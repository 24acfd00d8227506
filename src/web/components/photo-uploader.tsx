import { PlusOutlined } from '@ant-design/icons';
import { Alert, Upload, type UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../shared/messages';
import { isApiError } from '../lib/api-client';
import { useT } from '../lib/i18n';
import { uploadPhoto, type UploadedPhoto } from '../lib/api/upload-photo';

const ACCEPT = 'image/jpeg,image/png,image/webp';

interface Item {
  uid: string;
  name: string;
  status: 'uploading' | 'done' | 'error';
  /** A local preview while uploading or after an error. */
  localUrl: string;
  photo?: UploadedPhoto;
  error?: string;
}

interface Props {
  id?: string;
  /** Form value: ids of the uploaded photos, in order. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** True while any photo is still uploading, so the form can wait. */
  onBusyChange?: (busy: boolean) => void;
  disabled?: boolean;
  /** How many photos at most (a cover: 1). */
  max?: number;
}

/**
 * Photos are uploaded one by one as soon as they are chosen (POST /photos); the
 * form (a message, a campaign's cover) then refers to them by id. Each failed file says why, in words.
 */
export function PhotoUploader({ id, value, onChange, onBusyChange, disabled, max = MAX_PHOTOS }: Props) {
  const t = useT();
  const [items, setItems] = useState<Item[]>([]);
  // beforeUpload runs once per chosen file before React re-renders: count in a ref.
  const countRef = useRef(0);

  // A form reset (value cleared from outside) empties the list.
  useEffect(() => {
    if (value === undefined || value.length === 0) {
      setItems((current) => (current.some((i) => i.status === 'done') ? [] : current));
    }
  }, [value]);

  useEffect(() => {
    countRef.current = items.length;
    onBusyChange?.(items.some((i) => i.status === 'uploading'));
    const ids = items.flatMap((i) => (i.status === 'done' && i.photo ? [i.photo.id] : []));
    if (ids.join() !== (value ?? []).join()) onChange?.(ids);
    // Only the items drive the value; the callbacks and value are read, not watched.
  }, [items]);

  // Free the local previews when the form goes away.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(() => () => itemsRef.current.forEach((i) => URL.revokeObjectURL(i.localUrl)), []);

  const update = (uid: string, patch: Partial<Item>) =>
    setItems((current) => current.map((i) => (i.uid === uid ? { ...i, ...patch } : i)));

  const start = (file: File & { uid?: string }) => {
    if (countRef.current >= max) return;
    countRef.current += 1;
    const uid = file.uid ?? `${Date.now()}-${Math.random()}`;
    const item: Item = { uid, name: file.name, status: 'uploading', localUrl: URL.createObjectURL(file) };
    if (!ACCEPT.split(',').includes(file.type)) {
      setItems((current) => [...current, { ...item, status: 'error', error: t('write.photos.badType') }]);
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      setItems((current) => [...current, { ...item, status: 'error', error: t('write.photos.tooLarge', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }) }]);
      return;
    }
    setItems((current) => [...current, item]);
    uploadPhoto(file).then(
      (photo) => update(uid, { status: 'done', photo }),
      (error: unknown) => {
        const message = isApiError(error)
          ? error.code === 'network'
            ? t('error.network')
            : error.detail || error.title || t('error.generic')
          : t('error.generic');
        update(uid, { status: 'error', error: message });
      },
    );
  };

  const remove = (uid: string) => {
    setItems((current) => {
      const gone = current.find((i) => i.uid === uid);
      if (gone) URL.revokeObjectURL(gone.localUrl);
      return current.filter((i) => i.uid !== uid);
    });
  };

  const fileList: UploadFile[] = items.map((i) => ({
    uid: i.uid,
    name: i.name,
    status: i.status,
    // A file the server refused may not be an image at all: show the file icon, not a broken picture.
    thumbUrl: i.status === 'error' ? undefined : (i.photo?.thumbUrl ?? i.localUrl),
    url: i.photo?.url,
    response: i.error,
  }));
  const failed = items.filter((i) => i.status === 'error');

  return (
    <div className="photo-uploader">
      <Upload
        id={id}
        accept={ACCEPT}
        multiple={max > 1}
        listType="picture-card"
        fileList={fileList}
        disabled={disabled}
        showUploadList={{ showPreviewIcon: false, showRemoveIcon: true }}
        beforeUpload={(file) => {
          start(file);
          return Upload.LIST_IGNORE;
        }}
        onRemove={(file) => {
          remove(file.uid);
          return false;
        }}
        data-testid="photo-upload"
      >
        {items.length < max && (
          <span className="photo-add">
            <PlusOutlined aria-hidden />
            <span>{t('write.photos.add')}</span>
          </span>
        )}
      </Upload>
      {failed.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="photo-errors"
          title={t('write.photos.failed')}
          description={
            <ul>
              {failed.map((i) => (
                <li key={i.uid}>{t('write.photos.fileError', { name: i.name, error: i.error ?? '' })}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
