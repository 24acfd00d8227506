/**
 * PDF documents with Chinese text: a PDFKit document with an embedded CJK font
 * (Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc, SIL OFL 1.1;
 * see docs/decisions/0005-pdf-cjk-font.md). PDFKit embeds only the glyphs a
 * document uses, so a letter weighs tens of kilobytes, not the font's 10 MB.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/** Font names registered on every document. */
export const CJK_FONT = 'cjk';
export const CJK_FONT_BOLD = 'cjk-bold';

/** A4 in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Millimetres to PDF points. */
export const mm = (value: number): number => (value * 72) / 25.4;

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILES = {
  [CJK_FONT]: `${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`,
  [CJK_FONT_BOLD]: `${FONT_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`,
} as const;

export class PdfFontMissingError extends Error {
  constructor(file: string, cause: unknown) {
    super(
      `PDF CJK font not found: ${file}. It comes from the npm package ${FONT_PACKAGE} ` +
        '(a dependency in package.json); run `npm ci` (or `npm install`) so node_modules holds it.',
      { cause },
    );
    this.name = 'PdfFontMissingError';
  }
}

const require = createRequire(import.meta.url);
let fontCache: Record<keyof typeof FONT_FILES, Buffer> | null = null;

/**
 * The font files, read once per process (about 21 MB kept in memory); fontkit
 * parses tables lazily, so each document pays only for the glyphs it uses.
 * Throws PdfFontMissingError when the font package is not installed.
 */
export function loadCjkFonts(): Record<keyof typeof FONT_FILES, Buffer> {
  if (fontCache) return fontCache;
  const read = (file: string): Buffer => {
    try {
      return readFileSync(require.resolve(file));
    } catch (error) {
      throw new PdfFontMissingError(file, error);
    }
  };
  fontCache = { [CJK_FONT]: read(FONT_FILES[CJK_FONT]), [CJK_FONT_BOLD]: read(FONT_FILES[CJK_FONT_BOLD]) };
  return fontCache;
}

export interface PdfDocumentOptions {
  /** Document title (shown by viewers instead of the file name) and other metadata. */
  title?: string;
  author?: string;
  subject?: string;
  /** Page margins in points; A4 portrait with 25 mm margins by default. */
  margins?: { top: number; right: number; bottom: number; left: number };
  layout?: 'portrait' | 'landscape';
  /** Keep pages in memory so headers/footers (page x of n) can be drawn before the end. */
  bufferPages?: boolean;
}

/**
 * A4 PDFKit document with the CJK fonts registered as CJK_FONT and
 * CJK_FONT_BOLD, CJK_FONT selected, and Chinese metadata. Throws
 * PdfFontMissingError when the font package is missing.
 */
export function createPdfDocument(options: PdfDocumentOptions = {}): PDFKit.PDFDocument {
  const fonts = loadCjkFonts();
  const margin = mm(25);
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margins: options.margins ?? { top: margin, right: margin, bottom: margin, left: margin },
    bufferPages: options.bufferPages ?? false,
    lang: 'zh-CN',
    displayTitle: options.title !== undefined,
    info: {
      Creator: '民声 Minsheng',
      ...(options.title !== undefined && { Title: options.title }),
      ...(options.author !== undefined && { Author: options.author }),
      ...(options.subject !== undefined && { Subject: options.subject }),
    },
  });
  doc.registerFont(CJK_FONT, fonts[CJK_FONT]);
  doc.registerFont(CJK_FONT_BOLD, fonts[CJK_FONT_BOLD]);
  doc.font(CJK_FONT);
  return doc;
}

/**
 * Ends the document and collects its bytes. Call it once all content is
 * written; it calls doc.end() itself.
 */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
