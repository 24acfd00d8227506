/**
 * Photos of messages: uploaded first (owned, attached to nothing), attached
 * when the message that uses them is created, pruned when never attached.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { requireActor } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { processPhoto, type PhotoMime } from './image.js';
import { findVisiblePhotoBytes, insertPhoto, presentPhoto, type Photo } from './photos.repository.js';

/** Uploads per account and hour: enough for several messages with nine photos each. */
export const UPLOADS_PER_HOUR = 60;

/**
 * Stores an upload of the actor, re-encoded without metadata. `readFile`
 * yields the uploaded bytes; it is called only after the actor and the rate
 * limit passed, so a refused request never has its body buffered.
 * @throws DomainError unauthenticated, rate_limited, and whatever readFile
 *   throws (photo_too_large …), photo_invalid, photo_too_many_pixels.
 */
export async function uploadPhoto(db: Database, actor: Actor | null, readFile: () => Promise<Buffer>): Promise<Photo> {
  requireActor(actor);
  await hitRateLimit(db, { key: `photo-upload:account:${actor.accountId}`, limit: UPLOADS_PER_HOUR, windowSeconds: 3600 });
  const image = await processPhoto(await readFile());
  const id = randomUUID();
  await insertPhoto(db, { id, ownerId: actor.accountId, ...image });
  return presentPhoto({ id, width: image.width, height: image.height });
}

export interface PhotoBytes {
  mime: PhotoMime;
  bytes: Buffer;
  /** Everyone may see it (listed message, public photos): shared caches may keep it. */
  public: boolean;
}

/**
 * The photo (or its thumbnail) for the actor.
 * @throws DomainError not_found when it does not exist or the actor may not see it (the same answer, on purpose).
 */
export async function getPhotoBytes(db: Database, actor: Actor | null, id: string, variant: 'full' | 'thumb'): Promise<PhotoBytes> {
  const row = await findVisiblePhotoBytes(db, actor, id.toLowerCase(), variant);
  if (!row) throw new DomainError('not_found');
  return { mime: variant === 'thumb' ? 'image/jpeg' : row.mime, bytes: row.bytes, public: row.public };
}
