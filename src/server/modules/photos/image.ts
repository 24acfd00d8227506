/**
 * Turns uploaded bytes into the photo we store: decoded by content (never by
 * file name or declared type), turned upright, re-encoded without any
 * metadata, bounded in size, plus a thumbnail. Re-encoding is the defence:
 * whatever rode along in the upload (EXIF GPS, XMP, appended archives,
 * polyglot payloads) does not survive it.
 */
import sharp, { type Sharp } from 'sharp';

// Every upload is a new image: sharp's operation cache would only hold memory.
sharp.cache(false);
import { DomainError } from '../../http/errors.js';

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** Longest side of the stored photo; larger uploads are scaled down. */
export const MAX_PHOTO_SIDE = 4096;
/** Longest side of the thumbnail. */
export const THUMB_SIDE = 320;
/**
 * Decoding refuses images above this many pixels (decompression bombs: a
 * 100 KB PNG can claim 30000 × 30000). 50 MP keeps the 48/50 MP output of
 * current phone cameras; full-resolution 108/200 MP modes are refused.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

const OUTPUT: Record<string, PhotoMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface ProcessedPhoto {
  mime: PhotoMime;
  width: number;
  height: number;
  data: Buffer;
  thumb: Buffer;
}

function open(bytes: Buffer): Sharp {
  // failOn 'error': a slightly truncated phone JPEG still decodes; garbage does not.
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', autoOrient: true, animated: false });
}

function invalid(): DomainError {
  return new DomainError('photo_invalid', { field: 'file' });
}

function tooManyPixels(): DomainError {
  return new DomainError('photo_too_many_pixels', { field: 'file', params: { megapixels: MAX_INPUT_PIXELS / 1_000_000 } });
}

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/**
 * Decodes, orients and re-encodes an upload: JPEG stays JPEG (q85), PNG stays
 * PNG, WebP stays WebP (the first frame of an animation); no EXIF, XMP, IPTC
 * or ICC profile is kept (pixels are converted to sRGB). The thumbnail is
 * always a JPEG (transparency flattened onto white).
 * @throws DomainError photo_invalid when the bytes are no JPEG, PNG or WebP
 *   image libvips can decode; photo_too_many_pixels for decompression bombs.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  return withDecodeSlot(() => decodeAndEncode(bytes));
}

async function decodeAndEncode(bytes: Buffer): Promise<ProcessedPhoto> {
  let format: string | undefined;
  try {
    // Header only: tells the format by content (magic bytes), and refuses a bomb before any pixel is decoded.
    format = (await open(bytes).metadata()).format;
  } catch (error) {
    if (isPixelLimit(error)) throw tooManyPixels();
    throw invalid();
  }
  const mime = format === undefined ? undefined : OUTPUT[format];
  if (!mime) throw invalid();

  try {
    const upright = open(bytes).resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded = mime === 'image/jpeg' ? upright.jpeg({ quality: 85 }) : mime === 'image/png' ? upright.png() : upright.webp({ quality: 85 });
    // sharp writes no metadata unless asked (keepExif, withMetadata …): the default is the stripping.
    const main = await encoded.toBuffer({ resolveWithObject: true });
    // From the stored image, not the upload: at most 4096 px to decode again instead of up to 50 MP.
    const thumb = await sharp(main.data)
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { mime, width: main.info.width, height: main.info.height, data: main.data, thumb };
  } catch (error) {
    if (isPixelLimit(error)) throw tooManyPixels();
    // The header was fine but the pixels are not (a truncated or corrupt file).
    throw invalid();
  }
}

/**
 * Decoding a 50 MP upload takes a few hundred MB; a handful at once per
 * process keeps memory bounded however many users upload together. The rest
 * wait their turn (uploads are rate-limited per account already).
 */
const DECODE_SLOTS = 2;
let busy = 0;
const waiting: (() => void)[] = [];

async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= DECODE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

export function extensionOf(mime: PhotoMime): 'jpg' | 'png' | 'webp' {
  return mime === 'image/jpeg' ? 'jpg' : mime === 'image/png' ? 'png' : 'webp';
}
