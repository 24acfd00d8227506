import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Photo } from './get-message';

/** Uploads one photo before the message is sent; the server strips EXIF and makes a thumbnail. */
export function uploadPhoto(file: File): Promise<Photo> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<Photo>('/photos', form);
}

export function useUploadPhoto() {
  return useMutation({ mutationFn: uploadPhoto });
}
