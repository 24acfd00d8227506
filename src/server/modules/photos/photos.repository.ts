/**
 * Photo rows, and the three entry points other modules use: attachPhotos and
 * listMessagePhotos (the messages service, inside its transaction) and
 * pruneOrphanPhotos (a background job).
 */
import { sql, type RawBuilder } from 'kysely';
import { MAX_PHOTOS } from '../../../shared/messages.js';
import type { Executor } from '../../db/database.js';
import { DomainError, invalidField, type FieldError } from '../../http/errors.js';
import { boardVisibleSql } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import type { PhotoMime } from './image.js';

/** Unattached photos older than this are deleted by pruneOrphanPhotos. */
export const ORPHAN_HOURS = 24;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Photo {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export function presentPhoto(row: { id: string; width: number; height: number }): Photo {
  return { id: row.id, url: `/api/v1/photos/${row.id}`, thumbUrl: `/api/v1/photos/${row.id}/thumb`, width: row.width, height: row.height };
}

/** Attached to a listed message whose author made the photos public. */
const publicAttachment = sql<boolean>`coalesce(messages.listed AND messages.photos_public, false)`;
/** The cover of a published campaign (campaigns module). */
const publicCover = sql<boolean>`EXISTS (SELECT 1 FROM campaigns WHERE campaigns.cover_photo_id = photos.id AND campaigns.status <> 'draft')`;
/** Whether everyone may see the photo. */
const publiclyVisible = sql<boolean>`(${publicAttachment} OR ${publicCover})`;

/**
 * A condition on `photos` left-joined to its `messages` row and that
 * message's `boards` row: may the actor see this photo? Its owner always;
 * once attached, everyone when the message is listed with public photos, the
 * message's author, and staff who may see the message's board; everyone,
 * the cover of a published campaign.
 */
export function photoVisibleSql(actor: Actor | null): RawBuilder<boolean> {
  if (actor === null) return publiclyVisible;
  return sql<boolean>`(
    photos.owner_id = ${actor.accountId}
    OR ${publicCover}
    OR (messages.id IS NOT NULL AND (${publicAttachment} OR messages.author_id = ${actor.accountId} OR ${boardVisibleSql(actor, 'boards')}))
  )`;
}

export async function insertPhoto(
  db: Executor,
  photo: { id: string; ownerId: string; mime: PhotoMime; width: number; height: number; data: Buffer; thumb: Buffer },
): Promise<void> {
  await db
    .insertInto('photos')
    .values({ id: photo.id, owner_id: photo.ownerId, mime: photo.mime, width: photo.width, height: photo.height, size: photo.data.length, data: photo.data, thumb: photo.thumb })
    .execute();
}

/** The bytes of the photo or its thumbnail, when the actor may see it; `public`: everyone may. */
export async function findVisiblePhotoBytes(db: Executor, actor: Actor | null, id: string, variant: 'full' | 'thumb') {
  return db
    .selectFrom('photos')
    .leftJoin('messages', 'messages.id', 'photos.message_id')
    .leftJoin('boards', 'boards.id', 'messages.board_id')
    .select(['photos.id', 'photos.mime', publiclyVisible.as('public')])
    .select(variant === 'thumb' ? sql<Buffer>`photos.thumb`.as('bytes') : sql<Buffer>`photos.data`.as('bytes'))
    .where('photos.id', '=', id)
    .where(photoVisibleSql(actor))
    .executeTakeFirst();
}

/**
 * Attaches the photos to the message in the given order, all or none, in one
 * statement: only when every id is the owner's and still unattached. Returns
 * how many rows changed (photoIds.length, or 0 when any id did not qualify).
 * Row locks make a concurrent attach of the same photo wait and then fail.
 */
export async function attachOwnPhotos(db: Executor, input: { ownerId: string; messageId: string; photoIds: string[] }): Promise<number> {
  const ids = sql`${input.photoIds}::uuid[]`;
  const result = await sql`
    WITH eligible AS (
      SELECT id FROM photos
      WHERE id = ANY(${ids}) AND owner_id = ${input.ownerId} AND message_id IS NULL
      FOR UPDATE
    )
    UPDATE photos SET message_id = ${input.messageId}, position = array_position(${ids}, photos.id)
    FROM eligible
    WHERE photos.id = eligible.id AND (SELECT count(*) FROM eligible) = ${input.photoIds.length}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Which of the ids are the owner's and unattached. */
export async function findAttachable(db: Executor, ownerId: string, photoIds: string[]): Promise<Set<string>> {
  if (photoIds.length === 0) return new Set();
  const rows = await db.selectFrom('photos').select('id').where('id', 'in', photoIds).where('owner_id', '=', ownerId).where('message_id', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

export async function listPhotosOfMessage(db: Executor, messageId: string) {
  return db.selectFrom('photos').select(['id', 'width', 'height']).where('message_id', '=', messageId).orderBy('position').orderBy('id').execute();
}

/** Deletes up to `batch` photos never attached and older than `hours`; returns how many. */
export async function deleteOrphanPhotos(db: Executor, hours: number, batch: number): Promise<number> {
  const result = await sql`
    DELETE FROM photos WHERE id IN (
      SELECT id FROM photos
      WHERE message_id IS NULL AND created_at < now() - make_interval(hours => ${hours})
        -- A campaign's cover is attached to no message and is no orphan.
        AND NOT EXISTS (SELECT 1 FROM campaigns WHERE campaigns.cover_photo_id = photos.id)
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    ) AND message_id IS NULL`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

const NOT_ATTACHABLE = {
  'zh-CN': '照片不存在、不属于您或已被使用',
  'zh-TW': '照片不存在、不屬於您或已被使用',
  en: 'does not exist, is not yours or is already in use',
};

/**
 * Attaches the owner's unattached photos to a new message, in the given
 * order (position 1, 2, …); all or none. Call it inside the transaction that
 * creates the message.
 * @throws DomainError validation_failed (field photoIds: too many, repeated
 *   ids) or photo_not_found (errors[] names each photoIds[i] that is unknown,
 *   someone else's or already attached); nothing is changed then.
 */
export async function attachPhotos(tx: Executor, input: { ownerId: string; messageId: string; photoIds: readonly string[] }): Promise<void> {
  const photoIds = checkedPhotoIds(input.photoIds);
  if (photoIds.length === 0) return;
  const wellFormed = photoIds.every((id) => UUID.test(id));
  const changed = wellFormed ? await attachOwnPhotos(tx, { ownerId: input.ownerId, messageId: input.messageId, photoIds }) : 0;
  if (changed === photoIds.length) return;
  await refuseUnattachable(tx, input.ownerId, photoIds);
}

/**
 * attachPhotos' checks before the message exists, with the photos locked
 * (FOR UPDATE) until the transaction ends, so that the attachPhotos which
 * follows in the same transaction cannot fail. createMessage holds them
 * before it numbers the message (a refused photo must not use up a number).
 * @throws DomainError as attachPhotos; nothing is changed then.
 */
export async function holdPhotosForAttach(tx: Executor, input: { ownerId: string; photoIds: readonly string[] }): Promise<void> {
  const photoIds = checkedPhotoIds(input.photoIds);
  if (photoIds.length === 0) return;
  const wellFormed = photoIds.every((id) => UUID.test(id));
  const held = wellFormed
    ? await tx.selectFrom('photos').select('id').where('id', 'in', photoIds).where('owner_id', '=', input.ownerId).where('message_id', 'is', null).forUpdate().execute()
    : [];
  if (held.length === photoIds.length) return;
  await refuseUnattachable(tx, input.ownerId, photoIds);
}

/** The ids lower-cased. @throws DomainError validation_failed: too many, repeated. */
function checkedPhotoIds(ids: readonly string[]): string[] {
  const photoIds = ids.map((id) => id.toLowerCase());
  if (photoIds.length > MAX_PHOTOS) {
    throw invalidField('photoIds', 'maxItems', { 'zh-CN': `最多${MAX_PHOTOS}张照片`, 'zh-TW': `最多${MAX_PHOTOS}張照片`, en: `must have at most ${MAX_PHOTOS} photos` });
  }
  if (new Set(photoIds).size !== photoIds.length) {
    throw invalidField('photoIds', 'uniqueItems', { 'zh-CN': '不能重复使用同一张照片', 'zh-TW': '不能重複使用同一張照片', en: 'must not repeat a photo' });
  }
  return photoIds;
}

/** @throws DomainError photo_not_found naming each photoIds[i] that is unknown, someone else's or already attached. */
async function refuseUnattachable(tx: Executor, ownerId: string, photoIds: string[]): Promise<never> {
  const attachable = await findAttachable(tx, ownerId, photoIds.filter((id) => UUID.test(id)));
  const errors: FieldError[] = photoIds.flatMap((id, i) => (attachable.has(id) ? [] : [{ field: `photoIds[${i}]`, code: 'photo_not_found', message: NOT_ATTACHABLE }]));
  throw new DomainError('photo_not_found', { field: 'photoIds', ...(errors.length > 0 ? { errors } : {}) });
}

/** The photos of a message in their order. Whether the caller may show them (photosPublic) is the caller's decision. */
export async function listMessagePhotos(db: Executor, messageId: string): Promise<Photo[]> {
  return (await listPhotosOfMessage(db, messageId)).map(presentPhoto);
}

/**
 * Deletes photos uploaded more than `olderThanHours` ago and never attached
 * (an abandoned message form), in batches so no statement holds many rows.
 * Returns how many were deleted. Meant for a periodic background job.
 */
export async function pruneOrphanPhotos(db: Executor, options: { olderThanHours?: number; batch?: number } = {}): Promise<number> {
  const hours = options.olderThanHours ?? ORPHAN_HOURS;
  const batch = options.batch ?? 500;
  let total = 0;
  for (;;) {
    const deleted = await deleteOrphanPhotos(db, hours, batch);
    total += deleted;
    if (deleted < batch) return total;
  }
}
