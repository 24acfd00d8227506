import { api } from '../api-client';

/** An uploaded photo (POST /photos): EXIF stripped, a thumbnail made; not yet attached to anything. */
export interface UploadedPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

/** Uploads one photo before the form that uses it is sent (a message, a campaign's cover). */
export function uploadPhoto(file: File): Promise<UploadedPhoto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<UploadedPhoto>('/photos', form);
}
