import { Image } from 'antd';
import { useT } from '../lib/i18n';

/** Thumbnails; each opens the full image in a preview that pages through all of them. */
export function PhotoGallery({ photos }: { photos: { id: string; url: string; thumbUrl: string }[] }) {
  const t = useT();
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <ul className="photo-gallery" aria-label={t('detail.photos')}>
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <Image
              src={photo.thumbUrl}
              preview={{ src: photo.url }}
              alt={t('detail.photoAlt', { n: index + 1, total: photos.length })}
              width={104}
              height={104}
              className="photo-thumb"
            />
          </li>
        ))}
      </ul>
    </Image.PreviewGroup>
  );
}
