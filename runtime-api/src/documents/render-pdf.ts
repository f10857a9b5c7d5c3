import type { DocumentLayout, LayoutPart, PageText } from '@baton/engine';
import PDFDocument from 'pdfkit';
import { documentFonts, type DocumentFonts } from './document-fonts.js';
import { drawBlock, MM, type PdfCanvas } from './pdf-blocks.js';

export interface RenderPdfOptions {
  /** The render's clock reading: the PDF's creation date, so the same layout at the same time gives the same bytes. */
  createdAt: Date;
  fonts?: DocumentFonts;
  /** Bytes of an image by asset key or file id (seal images, captured signatures). */
  loadImage?: (ref: string) => Buffer | undefined;
}

function pageText(text: PageText | undefined, page: number, pages: number): string {
  if (!text) return '';
  return text.map((t) => (typeof t === 'string' ? t : t.pageVar === 'page' ? String(page) : String(pages))).join('');
}

/** Header, footer and watermark of every page of a part, drawn once the part's page count is known. */
function decoratePages(doc: PDFKit.PDFDocument, part: LayoutPart, first: number, count: number, fontSize: number): void {
  for (let i = 0; i < count; i++) {
    doc.switchToPage(first + i);
    const { width, height, margins } = doc.page;
    const saved = margins.bottom;
    // Text below the bottom margin would start a new page: lift the margin while writing in it.
    margins.bottom = 0;
    const size = fontSize * 0.75;
    doc.font('regular').fontSize(size).fillColor('#666666');
    const header = pageText(part.header, i + 1, count);
    if (header) doc.text(header, margins.left, Math.max(4, margins.top / 2 - size / 2), { width: width - margins.left - margins.right, align: 'center', lineBreak: false });
    const footer = pageText(part.footer, i + 1, count);
    if (footer) doc.text(footer, margins.left, height - saved / 2 - size / 2, { width: width - margins.left - margins.right, align: 'center', lineBreak: false });
    if (part.watermark) {
      const mark = fontSize * 3.2;
      doc.save().rotate(-35, { origin: [width / 2, height / 2] }).font('regular').fontSize(mark).fillColor('#999999').fillOpacity(0.18);
      doc.text(part.watermark, 0, height / 2 - mark / 2, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    margins.bottom = saved;
  }
}

/**
 * Sets a layout in a PDF with pdfkit and the embedded Noto Sans SC subset (only the glyphs used). Every
 * part starts on a new page and numbers its own pages. Deterministic: no clock but `createdAt`.
 */
export function renderPdf(layout: DocumentLayout, options: RenderPdfOptions): Promise<Buffer> {
  const { page } = layout;
  const fonts = options.fonts ?? documentFonts();
  const margins = { top: page.margins.top * MM, right: page.margins.right * MM, bottom: page.margins.bottom * MM, left: page.margins.left * MM };
  const doc = new PDFDocument({
    size: page.size.toUpperCase(),
    layout: page.orientation,
    margins,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    displayTitle: true,
    lang: layout.parts[0]?.locale ?? 'zh-CN',
    info: {
      Title: layout.title,
      Subject: `${layout.document.key}@${layout.document.version}`,
      Producer: 'Baton',
      Creator: 'Baton',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const ranges: Array<{ part: LayoutPart; first: number; count: number }> = [];
  for (const part of layout.parts) {
    doc.addPage();
    const first = doc.bufferedPageRange().count - 1;
    const canvas: PdfCanvas = {
      doc,
      locale: part.locale,
      fontSize: page.fontSize,
      left: margins.left,
      width: doc.page.width - margins.left - margins.right,
      newPage: () => {
        doc.addPage();
      },
      bottom: () => doc.page.height - doc.page.margins.bottom,
      pageIndex: () => doc.bufferedPageRange().count - 1,
      loadImage: options.loadImage,
    };
    for (const block of part.blocks) drawBlock(canvas, block);
    ranges.push({ part, first, count: doc.bufferedPageRange().count - first });
  }
  for (const r of ranges) decoratePages(doc, r.part, r.first, r.count, page.fontSize);
  doc.flushPages();
  doc.end();
  return done;
}
