import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_PHOTO_BYTES } from '../../../shared/messages.js';
import type { Database } from '../../db/database.js';
import { DomainError, invalidField } from '../../http/errors.js';
import { problems } from '../../http/schemas.js';
import { extensionOf } from './image.js';
import { getPhotoBytes, uploadPhoto, type PhotoBytes } from './photos.service.js';

/** `Photo` of the API; without $id so other modules can embed it (MessageDetail.photos). */
export const PhotoSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  thumbUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
});

const PhotoParams = Type.Object({
  id: Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'photo id (uuid)' }),
});

// One file and nothing else of note; the limits bound what busboy will read.
const UPLOAD_LIMITS = { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 };

function fileRequired(): DomainError {
  return invalidField('file', 'required', { 'zh-CN': '请以 multipart/form-data 上传一个名为 file 的文件', 'zh-TW': '請以 multipart/form-data 上傳一個名為 file 的檔案', en: 'upload one file in the multipart/form-data field "file"' });
}

/** The bytes of the one file field `file`. @throws DomainError validation_failed (no such file) or photo_too_large. */
async function readUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw fileRequired();
  const part = await req.file({ limits: UPLOAD_LIMITS });
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw fileRequired();
  }
  const tooLarge = () => new DomainError('photo_too_large', { field: 'file', params: { megabytes: MAX_PHOTO_BYTES / 1024 / 1024 } });
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  // toBuffer() does not always throw: when busboy marks the stream truncated only after the last chunk
  // (seen over real sockets, not with inject), it returns the first 10 MB, which a JPEG decoder accepts.
  if (part.file.truncated || bytes.length > MAX_PHOTO_BYTES) throw tooLarge();
  return bytes;
}

function sendImage(req: FastifyRequest, reply: FastifyReply, id: string, variant: 'full' | 'thumb', photo: PhotoBytes) {
  // The bytes under an id never change (uploads are immutable), so the id is a strong validator.
  const etag = `"${id}${variant === 'thumb' ? '-thumb' : ''}"`;
  reply
    .header('x-content-type-options', 'nosniff')
    // Opened directly, the image must not be able to run anything, even if a browser mis-sniffed it.
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', `inline; filename="${id}.${extensionOf(photo.mime)}"`)
    .header('cache-control', photo.public ? 'public, max-age=86400' : 'private, max-age=3600')
    .header('etag', etag);
  if (!photo.public) reply.header('vary', 'Cookie');
  const ifNoneMatch = req.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
    return reply.status(304).send();
  }
  return reply.type(photo.mime).send(photo.bytes);
}

/**
 * Routes of /photos. Registers @fastify/multipart inside its own scope, so
 * only these routes accept multipart bodies; everything else stays JSON.
 */
export function photoRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(multipart, { limits: UPLOAD_LIMITS });

    app.post('/photos', {
      schema: {
        tags: ['photos'],
        summary: '上传照片（multipart/form-data，文件字段 file；JPEG/PNG/WebP，≤10 MB；去除 EXIF 等元数据并生成缩略图）',
        consumes: ['multipart/form-data'],
        response: { 201: PhotoSchema, ...problems(400, 401, 403, 413, 415, 422, 429) },
      },
    }, async (req, reply) => reply.status(201).send(await uploadPhoto(db, req.actor, () => readUpload(req))));

    app.get('/photos/:id', {
      schema: { tags: ['photos'], summary: '照片原图（所有者、留言作者、有权限的工作人员；公开留言的公开照片所有人可见）', params: PhotoParams, response: problems(400, 404) },
    }, async (req, reply) => sendImage(req, reply, req.params.id.toLowerCase(), 'full', await getPhotoBytes(db, req.actor, req.params.id, 'full')));

    app.get('/photos/:id/thumb', {
      schema: { tags: ['photos'], summary: '照片缩略图（JPEG，长边 320 像素；可见范围同原图）', params: PhotoParams, response: problems(400, 404) },
    }, async (req, reply) => sendImage(req, reply, req.params.id.toLowerCase(), 'thumb', await getPhotoBytes(db, req.actor, req.params.id, 'thumb')));
  };
}
