/**
 * Photos: upload checked by content and re-encoded without metadata, sizes
 * bounded, who may fetch a photo before and after it is attached to a
 * message, attaching all-or-nothing, and pruning photos never attached.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachPhotos, listMessagePhotos, pruneOrphanPhotos } from '../../src/server/modules/photos/photos.repository.js';
import { MAX_PHOTO_BYTES } from '../../src/shared/messages.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, countRows, loginFrom, makeCitizen, uniqueIp } from '../support/factories.js';

let t: TestApp;
const session: Record<string, Session> = {};
/** The demo citizen 13907910001 (uploads), an author of messages, and another citizen. */
let authorId: string;
let otherId: string;
/** A Jiangxi province board (in the coordinator's region) and a Henan one (outside it). */
let jxBoard: string;
let haBoard: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator', 'handler', '13907910001']) session[login] = await loginFrom(t.app, uniqueIp(), login);
  const other = await makeCitizen(t.db);
  session.other = await loginFrom(t.app, uniqueIp(), other.mobile!);
  otherId = other.id;
  const author = await makeCitizen(t.db);
  session.author = await loginFrom(t.app, uniqueIp(), author.mobile!);
  authorId = author.id;
  jxBoard = (await t.db.selectFrom('boards').select('id').where('region_code', '=', '360000').orderBy('id').executeTakeFirstOrThrow()).id;
  haBoard = (await t.db.selectFrom('boards').select('id').where('region_code', '=', '410000').orderBy('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

// ── fixtures, made here so nothing binary is checked in ─────────────────────

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

function multipart(parts: Part[]) {
  const boundary = `----minsheng-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(who: Session | null, data: Buffer | string, options: { filename?: string; contentType?: string; field?: string } = {}) {
  const body = multipart([{ name: options.field ?? 'file', filename: options.filename ?? 'photo.jpg', contentType: options.contentType ?? 'image/jpeg', data }]);
  return as(t.app, who, { method: 'POST', url: '/api/v1/photos', payload: body.payload, headers: body.headers });
}

/** 400 × 200: the left half red, the right half blue. */
function redBlue() {
  const width = 400;
  const height = 200;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (x < width / 2) raw[i] = 220;
      else raw[i + 2] = 220;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/**
 * A phone-like JPEG: EXIF with camera and GPS position (Nanchang), XMP with
 * the same, a Display P3 profile, and orientation 6 (to be shown turned 90° clockwise: the red
 * half ends up on top).
 */
async function phoneJpeg(): Promise<Buffer> {
  return redBlue()
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'MinshengCam', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 40/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 53/1 7/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="28,40.08N"/></rdf:RDF></x:xmpmeta>')
    .withMetadata({ orientation: 6 })
    .withIccProfile('p3')
    .toBuffer();
}

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 40, alpha: 0.5 } } }).png().toBuffer();
}

/** A PNG whose header claims width × height but carries one row: a decompression bomb as far as any header reader can tell. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), chunk('IEND', Buffer.alloc(0))]);
}

/** The mean colour of a region of an image. */
async function meanColour(image: Buffer, region: { left: number; top: number; width: number; height: number }) {
  // Computed by hand: sharp's stats() describes the input, ignoring extract().
  const { data, info } = await sharp(image).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sums[c]! += data[i + c]!;
  return sums.map((sum) => Math.round(sum / (data.length / info.channels)));
}

interface PhotoAnswer {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

async function uploaded(who: Session, data: Buffer, options: { filename?: string; contentType?: string } = {}): Promise<PhotoAnswer> {
  const res = await upload(who, data, options);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as PhotoAnswer;
}

async function storedRow(id: string) {
  return t.db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

let messageCounter = 0;
/** A message row written directly (the messages service is not needed for these rules). */
async function insertMessage(options: { authorId: string; boardId: string; listed: boolean; photosPublic: boolean }): Promise<string> {
  const n = ++messageCounter;
  const row = await t.db
    .insertInto('messages')
    .values({
      number: `2026-11-23-9${String(n).padStart(5, '0')}`,
      board_id: options.boardId,
      author_id: options.authorId,
      type: 'complain',
      field_code: 'urban',
      region_code: '360000',
      title: `照片测试留言${n}`,
      body: '用于测试照片可见范围的留言内容。',
      is_public: options.listed,
      photos_public: options.photosPublic,
      channel: 'web',
      status: options.listed ? 'accepted' : 'submitted',
      listed: options.listed,
      public_status: options.listed ? 'pending' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ── upload ───────────────────────────────────────────────────────────────

describe('POST /photos', () => {
  it('stores a JPEG upright and without EXIF, GPS or XMP, and answers its urls and size', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    // The fixture really carries what must go: EXIF with a GPS IFD pointer (tag 0x8825), XMP, orientation.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(before.exif?.toString('latin1')).toContain('MinshengCam');
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();
    expect(before.orientation).toBe(6);

    const photo = await uploaded(session['13907910001']!, input);
    expect(photo).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: `/api/v1/photos/${photo.id}`, thumbUrl: `/api/v1/photos/${photo.id}/thumb`, width: 200, height: 400 });

    const row = await storedRow(photo.id);
    expect(row).toMatchObject({ owner_id: await accountIdOf(t.db, '13907910001'), message_id: null, position: null, mime: 'image/jpeg', width: 200, height: 400, size: row.data.length });
    const stored = await sharp(row.data).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.iptc).toBeUndefined();
    // Converted to sRGB, the profile dropped.
    expect(stored.icc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(row.data.includes(Buffer.from('MinshengCam'))).toBe(false);
    // Turned 90° clockwise: the red left half is now on top, the blue right half below.
    const [topR, , topB] = await meanColour(row.data, { left: 0, top: 0, width: 200, height: 150 });
    const [bottomR, , bottomB] = await meanColour(row.data, { left: 0, top: 250, width: 200, height: 150 });
    expect(topR).toBeGreaterThan(150);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(150);
    expect(bottomR).toBeLessThan(60);

    const thumb = await sharp(row.thumb).metadata();
    expect(thumb).toMatchObject({ format: 'jpeg', width: 160, height: 320 });
    expect(thumb.exif).toBeUndefined();
  });

  it('keeps a PNG a PNG and scales anything larger than 4096 pixels down', async () => {
    const photo = await uploaded(session['13907910001']!, await png(5000, 1000), { filename: 'wide.png', contentType: 'image/png' });
    expect(photo).toMatchObject({ width: 4096, height: 819 });
    const row = await storedRow(photo.id);
    expect(row.mime).toBe('image/png');
    expect(await sharp(row.data).metadata()).toMatchObject({ format: 'png', width: 4096, height: 819 });
    // The thumbnail is a JPEG, transparency flattened.
    expect(await sharp(row.thumb).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 64, hasAlpha: false });
  });

  it('keeps a WebP a WebP and never enlarges a small image', async () => {
    const webp = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#336699' } }).webp().toBuffer();
    const photo = await uploaded(session['13907910001']!, webp, { filename: 'x.webp', contentType: 'image/webp' });
    expect(photo).toMatchObject({ width: 120, height: 90 });
    const row = await storedRow(photo.id);
    expect(row.mime).toBe('image/webp');
    expect(await sharp(row.thumb).metadata()).toMatchObject({ width: 120, height: 90 });
  });

  it('judges by content, not by name or declared type: a PNG named .jpg is stored as PNG', async () => {
    const photo = await uploaded(session['13907910001']!, await png(40, 30), { filename: 'photo.jpg', contentType: 'image/jpeg' });
    expect((await storedRow(photo.id)).mime).toBe('image/png');
  });

  const refused: [string, () => Promise<Buffer> | Buffer][] = [
    ['a PDF renamed .jpg', () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')],
    ['an SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>')],
    ['a GIF', () => sharp({ create: { width: 20, height: 20, channels: 3, background: 'red' } }).gif().toBuffer()],
    ['a TIFF', () => sharp({ create: { width: 20, height: 20, channels: 3, background: 'red' } }).tiff().toBuffer()],
    ['a text file', () => Buffer.from('这不是图片')],
    ['a truncated JPEG', async () => (await phoneJpeg()).subarray(0, 400)],
    ['an empty file', () => Buffer.alloc(0)],
  ];
  for (const [what, make] of refused) {
    it(`refuses ${what} with 415 photo_invalid and stores nothing`, async () => {
      const before = await countRows(t.db, 'photos');
      const res = await upload(session['13907910001']!, await make(), { filename: 'photo.jpg', contentType: 'image/jpeg' });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'photo_invalid', field: 'file', status: 415 });
      expect(await countRows(t.db, 'photos')).toBe(before);
    });
  }

  it('refuses a file over 10 MB with 413 photo_too_large and stores nothing', async () => {
    const before = await countRows(t.db, 'photos');
    const big = Buffer.concat([await phoneJpeg(), randomBytes(MAX_PHOTO_BYTES)]);
    const res = await upload(session['13907910001']!, big);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'photo_too_large', field: 'file' });
    expect(await countRows(t.db, 'photos')).toBe(before);
  });

  it('accepts a file of exactly 10 MB, and what was appended to the image does not survive', async () => {
    const jpeg = await phoneJpeg();
    const marker = Buffer.from('PK\x03\x04appended-archive');
    const padded = Buffer.concat([jpeg, marker, Buffer.alloc(MAX_PHOTO_BYTES - jpeg.length - marker.length, 0x41)]);
    expect(padded.length).toBe(MAX_PHOTO_BYTES);
    const photo = await uploaded(session['13907910001']!, padded);
    const row = await storedRow(photo.id);
    expect(row.size).toBeLessThan(100_000);
    expect(row.data.includes(Buffer.from('appended-archive'))).toBe(false);
  });

  it('refuses a file over 10 MB over a real connection too (busboy may mark truncation after the last chunk)', async () => {
    const base = t.app.server.listening ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}` : await t.app.listen({ port: 0, host: '127.0.0.1' });
    const before = await countRows(t.db, 'photos');
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([await phoneJpeg(), randomBytes(MAX_PHOTO_BYTES)])], { type: 'image/jpeg' }), 'big.jpg');
    const who = session['13907910001']!;
    const res = await fetch(`${base}/api/v1/photos`, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'photo_too_large', field: 'file' });
    expect(await countRows(t.db, 'photos')).toBe(before);
  });

  it('refuses a decompression bomb (header claims 30000 × 30000) with 422 and stores nothing', async () => {
    const before = await countRows(t.db, 'photos');
    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200_000);
    const res = await upload(session['13907910001']!, bomb, { filename: 'bomb.png', contentType: 'image/png' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'photo_too_many_pixels', field: 'file' });
    expect(await countRows(t.db, 'photos')).toBe(before);
  });

  it('answers 401 without a session and stores nothing', async () => {
    const before = await countRows(t.db, 'photos');
    const res = await upload(null, await phoneJpeg());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await countRows(t.db, 'photos')).toBe(before);
  });

  it('answers 403 when the session cookie comes without the CSRF token', async () => {
    const body = multipart([{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: await phoneJpeg() }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/photos', payload: body.payload, headers: { ...body.headers, cookie: session['13907910001']!.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('answers 400 naming file when the file comes in another field, or the body is not multipart', async () => {
    const wrongField = await upload(session['13907910001']!, await phoneJpeg(), { field: 'photo' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json()).toMatchObject({ code: 'validation_failed', field: 'file' });
    const json = await as(t.app, session['13907910001']!, { method: 'POST', url: '/api/v1/photos', payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'validation_failed', field: 'file' });
    const empty = multipart([]);
    const none = await as(t.app, session['13907910001']!, { method: 'POST', url: '/api/v1/photos', payload: empty.payload, headers: empty.headers });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'file' });
  });

  it('limits uploads to 60 an hour per account (429 on the 61st)', async () => {
    const citizen = await makeCitizen(t.db);
    const who = await loginFrom(t.app, uniqueIp(), citizen.mobile!);
    const tiny = await png(8, 8);
    for (let i = 0; i < 60; i++) {
      const res = await upload(who, tiny, { filename: 'p.png', contentType: 'image/png' });
      expect(res.statusCode, `upload ${i + 1}`).toBe(201);
    }
    const res = await upload(who, tiny, { filename: 'p.png', contentType: 'image/png' });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: 'rate_limited' });
    // Another account still may.
    expect((await upload(session.other!, tiny, { filename: 'p.png', contentType: 'image/png' })).statusCode).toBe(201);
  });
});

// ── fetch ────────────────────────────────────────────────────────────────

describe('GET /photos/{id}', () => {
  let photo: PhotoAnswer;
  beforeAll(async () => {
    photo = await uploaded(session['13907910001']!, await phoneJpeg());
  });

  it('serves the owner the stored bytes with safe headers', async () => {
    const row = await storedRow(photo.id);
    const res = await as(t.app, session['13907910001']!, { method: 'GET', url: photo.url });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(row.data)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${photo.id}.jpg"`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=3600',
      etag: `"${photo.id}"`,
    });
    const thumb = await as(t.app, session['13907910001']!, { method: 'GET', url: photo.thumbUrl });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers.etag).toBe(`"${photo.id}-thumb"`);
    expect(thumb.rawPayload.equals(row.thumb)).toBe(true);
  });

  it('names a PNG by its own extension and type', async () => {
    const p = await uploaded(session['13907910001']!, await png(30, 20), { filename: 'a.png', contentType: 'image/png' });
    const res = await as(t.app, session['13907910001']!, { method: 'GET', url: p.url });
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${p.id}.png"`);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const res = await as(t.app, session['13907910001']!, { method: 'GET', url: photo.url, headers: { 'if-none-match': `"${photo.id}"` } });
    expect(res.statusCode).toBe(304);
    expect(res.rawPayload.length).toBe(0);
  });

  it('answers 404 to anyone else while the photo is unattached, the same as for no photo at all', async () => {
    for (const who of [session.other!, session.coordinator!, session.handler!, null]) {
      for (const url of [photo.url, photo.thumbUrl]) {
        const res = await as(t.app, who, { method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json()).toMatchObject({ code: 'not_found' });
      }
    }
    // Not even a 304 for a guessed ETag.
    const guessed = await as(t.app, session.other!, { method: 'GET', url: photo.url, headers: { 'if-none-match': `"${photo.id}"` } });
    expect(guessed.statusCode).toBe(404);
    const unknown = await as(t.app, session['13907910001']!, { method: 'GET', url: `/api/v1/photos/${randomUUID()}` });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 400 naming id for an id that is no uuid', async () => {
    for (const url of ['/api/v1/photos/123', '/api/v1/photos/not-a-uuid/thumb', "/api/v1/photos/'%20OR%201=1"]) {
      const res = await as(t.app, session['13907910001']!, { method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'id' });
    }
  });

  it('accepts the id in upper case', async () => {
    const res = await as(t.app, session['13907910001']!, { method: 'GET', url: `/api/v1/photos/${photo.id.toUpperCase()}` });
    expect(res.statusCode).toBe(200);
  });
});

describe('who may see an attached photo', () => {
  async function attachedPhoto(options: { boardId: string; listed: boolean; photosPublic: boolean }) {
    const p = await uploaded(session.author!, await png(16, 16), { filename: 'a.png', contentType: 'image/png' });
    const messageId = await insertMessage({ authorId: authorId, ...options });
    await attachPhotos(t.db, { ownerId: authorId, messageId, photoIds: [p.id] });
    return p;
  }

  async function statusFor(who: Session | null, url: string) {
    return (await as(t.app, who, { method: 'GET', url })).statusCode;
  }

  it('shows everyone the photos of a listed message with public photos, cacheable publicly', async () => {
    const p = await attachedPhoto({ boardId: jxBoard, listed: true, photosPublic: true });
    for (const who of [null, session.other!, session.handler!, session.author!]) {
      expect(await statusFor(who, p.url)).toBe(200);
      expect(await statusFor(who, p.thumbUrl)).toBe(200);
    }
    const res = await as(t.app, null, { method: 'GET', url: p.url });
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('hides photos kept private from the public but not from the author and staff in scope', async () => {
    const p = await attachedPhoto({ boardId: jxBoard, listed: true, photosPublic: false });
    expect(await statusFor(null, p.url)).toBe(404);
    expect(await statusFor(session.other!, p.url)).toBe(404);
    expect(await statusFor(session.author!, p.url)).toBe(200);
    expect(await statusFor(session.coordinator!, p.url)).toBe(200);
    expect(await statusFor(session.admin!, p.url)).toBe(200);
    // The handler's unit handles no board: out of scope.
    expect(await statusFor(session.handler!, p.url)).toBe(404);
    expect((await as(t.app, session.coordinator!, { method: 'GET', url: p.url })).headers['cache-control']).toBe('private, max-age=3600');
  });

  it('shows the photos of an unlisted message only to its author and to staff who may see its board', async () => {
    const jx = await attachedPhoto({ boardId: jxBoard, listed: false, photosPublic: true });
    const ha = await attachedPhoto({ boardId: haBoard, listed: false, photosPublic: true });
    expect(await statusFor(null, jx.url)).toBe(404);
    expect(await statusFor(session.other!, jx.thumbUrl)).toBe(404);
    expect(await statusFor(session.author!, jx.url)).toBe(200);
    expect(await statusFor(session.coordinator!, jx.url)).toBe(200);
    expect(await statusFor(session.coordinator!, ha.url)).toBe(404);
    expect(await statusFor(session.coordinator!, ha.thumbUrl)).toBe(404);
    expect(await statusFor(session.admin!, ha.url)).toBe(200);
    expect(await statusFor(session.author!, ha.url)).toBe(200);
  });
});

// ── attach, list, prune ──────────────────────────────────────────────────

describe('attachPhotos', () => {
  async function photoOf(who: Session) {
    return (await uploaded(who, await png(12, 10), { filename: 'a.png', contentType: 'image/png' })).id;
  }

  async function attached(ids: string[]) {
    return t.db.selectFrom('photos').select(['id', 'message_id', 'position']).where('id', 'in', ids).execute();
  }

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'attachPhotos should have thrown').not.toBeNull();
    return error as { code: string; status: number; options: { field?: string; errors?: { field: string }[] } };
  }

  it('attaches in the given order, and listMessagePhotos returns them in that order', async () => {
    const ids = [await photoOf(session.author!), await photoOf(session.author!), await photoOf(session.author!)];
    const order = [ids[2]!, ids[0]!, ids[1]!];
    const messageId = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    await t.db.transaction().execute((tx) => attachPhotos(tx, { ownerId: authorId, messageId, photoIds: order }));
    const listed = await listMessagePhotos(t.db, messageId);
    expect(listed.map((p) => p.id)).toEqual(order);
    expect(listed[0]).toEqual({ id: order[0], url: `/api/v1/photos/${order[0]}`, thumbUrl: `/api/v1/photos/${order[0]}/thumb`, width: 12, height: 10 });
    const rows = await attached(ids);
    expect(rows.every((r) => r.message_id === messageId)).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.position]))).toEqual({ [order[0]!]: 1, [order[1]!]: 2, [order[2]!]: 3 });
  });

  it('does nothing for no photos', async () => {
    const messageId = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    await attachPhotos(t.db, { ownerId: authorId, messageId, photoIds: [] });
    expect(await listMessagePhotos(t.db, messageId)).toEqual([]);
  });

  it("refuses someone else's photo, an attached one, an unknown or malformed id, and changes nothing", async () => {
    const mine = await photoOf(session.author!);
    const theirs = await photoOf(session.other!);
    const used = await photoOf(session.author!);
    const earlier = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    await attachPhotos(t.db, { ownerId: authorId, messageId: earlier, photoIds: [used] });
    const messageId = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });

    const cases: [string, string[], string[]][] = [
      ["someone else's", [mine, theirs], ['photoIds[1]']],
      ['already attached', [used, mine], ['photoIds[0]']],
      ['unknown', [mine, randomUUID()], ['photoIds[1]']],
      ['malformed', ['nope', mine], ['photoIds[0]']],
    ];
    for (const [what, photoIds, fields] of cases) {
      const error = await refusal(t.db.transaction().execute((tx) => attachPhotos(tx, { ownerId: authorId, messageId, photoIds })));
      expect(error.code, what).toBe('photo_not_found');
      expect(error.status).toBe(422);
      expect(error.options.field).toBe('photoIds');
      expect(error.options.errors?.map((e) => e.field)).toEqual(fields);
    }
    // Even outside a transaction the attach is all or nothing.
    await refusal(attachPhotos(t.db, { ownerId: authorId, messageId, photoIds: [mine, theirs] }));

    expect(await attached([mine, theirs, used])).toEqual(
      expect.arrayContaining([
        { id: mine, message_id: null, position: null },
        { id: theirs, message_id: null, position: null },
        { id: used, message_id: earlier, position: 1 },
      ]),
    );
    expect(await listMessagePhotos(t.db, messageId)).toEqual([]);
  });

  it('refuses a repeated id and more than nine photos as validation_failed on photoIds', async () => {
    const mine = await photoOf(session.author!);
    const messageId = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    const repeated = await refusal(attachPhotos(t.db, { ownerId: authorId, messageId, photoIds: [mine, mine] }));
    expect(repeated).toMatchObject({ code: 'validation_failed', options: { field: 'photoIds' } });
    const many = await refusal(attachPhotos(t.db, { ownerId: authorId, messageId, photoIds: Array.from({ length: 10 }, () => randomUUID()) }));
    expect(many).toMatchObject({ code: 'validation_failed', options: { field: 'photoIds' } });
    expect((await attached([mine]))[0]!.message_id).toBeNull();
  });

  it('lets only one of two concurrent messages take the same photo', async () => {
    const mine = await photoOf(session.author!);
    const a = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    const b = await insertMessage({ authorId: authorId, boardId: jxBoard, listed: false, photosPublic: true });
    const results = await Promise.allSettled([a, b].map((messageId) => t.db.transaction().execute((tx) => attachPhotos(tx, { ownerId: authorId, messageId, photoIds: [mine] }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const row = (await attached([mine]))[0]!;
    expect([a, b]).toContain(row.message_id);
  });
});

describe('pruneOrphanPhotos', () => {
  it('deletes photos never attached after 24 hours, and keeps recent and attached ones', async () => {
    const upload1 = async () => (await uploaded(session.other!, await png(10, 10), { filename: 'a.png', contentType: 'image/png' })).id;
    const [oldOrphan, recentOrphan, oldAttached, almostOld] = [await upload1(), await upload1(), await upload1(), await upload1()];
    const messageId = await insertMessage({ authorId: otherId, boardId: jxBoard, listed: false, photosPublic: true });
    await attachPhotos(t.db, { ownerId: otherId, messageId, photoIds: [oldAttached] });
    await t.db.updateTable('photos').set({ created_at: sql`now() - interval '25 hours'` }).where('id', 'in', [oldOrphan, oldAttached]).execute();
    await t.db.updateTable('photos').set({ created_at: sql`now() - interval '23 hours'` }).where('id', '=', almostOld).execute();
    // Other files' orphans don't exist here: each test file has its own database, so the count is exact.
    const deleted = await pruneOrphanPhotos(t.db);
    expect(deleted).toBe(1);
    const left = (await t.db.selectFrom('photos').select('id').where('id', 'in', [oldOrphan, recentOrphan, oldAttached, almostOld]).execute()).map((r) => r.id);
    expect(left.sort()).toEqual([recentOrphan, oldAttached, almostOld].sort());
    expect(await as(t.app, session.other!, { method: 'GET', url: `/api/v1/photos/${oldOrphan}` }).then((r) => r.statusCode)).toBe(404);
  });

  it('works through more orphans than one batch', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await uploaded(session.other!, await png(10, 10), { filename: 'a.png', contentType: 'image/png' })).id);
    await t.db.updateTable('photos').set({ created_at: sql`now() - interval '2 days'` }).where('id', 'in', ids).execute();
    expect(await pruneOrphanPhotos(t.db, { batch: 2 })).toBe(5);
    expect(await t.db.selectFrom('photos').select('id').where('id', 'in', ids).execute()).toEqual([]);
  });
});
