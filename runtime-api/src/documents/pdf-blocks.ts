import type { Align, LayoutBlock, LayoutSeal, LayoutSignature, LayoutTable, Locale } from '@baton/engine';
import { fitColumnWidths, unbreakableRuns } from './table-column-widths.js';

/** Millimetres to PDF points. */
export const MM = 72 / 25.4;

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#888888';
const FILL = '#f0f0f0';
const SEAL_RED = '#c8102e';

/** What block drawing needs from the page: the document, the text box and a way to get more room. */
export interface PdfCanvas {
  doc: PDFKit.PDFDocument;
  /** The part's language: punctuation the renderer adds itself follows it. */
  locale: Locale;
  fontSize: number;
  left: number;
  width: number;
  /** Starts a new page of the current part. */
  newPage(): void;
  /** The lowest y content may reach on this page. */
  bottom(): number;
  /** Where the last signature block sat: the next one with another alignment goes beside it. */
  signatureRow?: { top: number; bottom: number; page: number; aligns: Align[] } | undefined;
  /** Index of the current page, to tell whether a remembered position is still on it. */
  pageIndex(): number;
  /** Image bytes for an asset key or file id; undefined when it cannot be had. */
  loadImage?: ((ref: string) => Buffer | undefined) | undefined;
}

const REGULAR = 'regular';
const BOLD = 'bold';

/** Ensures `height` points fit below the cursor, starting a new page when they do not. */
function room(c: PdfCanvas, height: number): void {
  if (c.doc.y + height > c.bottom()) c.newPage();
}

function lineGap(size: number): number {
  // Chinese text needs more leading than Latin text to stay readable.
  return size * 0.45;
}

function imageFrom(src: string, c: PdfCanvas): Buffer | undefined {
  const data = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(src);
  if (data?.[1]) return Buffer.from(data[1], 'base64');
  return c.loadImage?.(src);
}

function blockX(c: PdfCanvas, blockWidth: number, align: Align): number {
  if (align === 'right') return c.left + c.width - blockWidth;
  if (align === 'center') return c.left + (c.width - blockWidth) / 2;
  return c.left;
}

function drawHeading(c: PdfCanvas, text: string, level: 1 | 2 | 3 | 4, align: Align): void {
  const size = c.fontSize * [1.75, 1.4, 1.2, 1.05][level - 1]!;
  const { doc } = c;
  doc.font(BOLD).fontSize(size).fillColor(INK);
  room(c, doc.heightOfString(text, { width: c.width }) + size);
  if (level === 1) doc.y += size * 0.3;
  // A Chinese title is set letter-spaced (离 职 证 明); a Latin one would only look broken.
  const spaced = level === 1 && /^[\p{Script=Han}\s]+$/u.test(text);
  doc.text(text, c.left, doc.y, { width: c.width, align, characterSpacing: spaced ? size * 0.3 : 0 });
  doc.y += size * (level === 1 ? 0.9 : 0.5);
}

function drawParagraph(c: PdfCanvas, text: string, align: Align, indent: boolean): void {
  const { doc, fontSize } = c;
  doc.font(REGULAR).fontSize(fontSize).fillColor(INK);
  // First-line indent of two characters: the Chinese convention for body paragraphs.
  doc.text(text, c.left, doc.y, { width: c.width, align, indent: indent ? fontSize * 2 : 0, lineGap: lineGap(fontSize) });
  doc.y += fontSize * 0.6;
}

/** One bordered row of cells at the cursor; the caller has made room for it. */
function drawRow(c: PdfCanvas, cells: string[], widths: number[], aligns: Align[], options: { bold?: boolean; fill?: string[] }): void {
  const { doc } = c;
  const size = c.fontSize * 0.9;
  const pad = size * 0.45;
  const height = rowHeight(c, cells, widths, options.bold === true);
  const y = doc.y;
  let x = c.left;
  cells.forEach((cell, i) => {
    const w = widths[i] ?? 0;
    const fill = options.fill?.[i];
    if (fill) doc.rect(x, y, w, height).fill(fill);
    doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font(options.bold || fill ? BOLD : REGULAR).fontSize(size).fillColor(INK);
    doc.text(cell, x + pad, y + pad, { width: w - 2 * pad, align: aligns[i] ?? 'left', lineGap: lineGap(size) * 0.6 });
    x += w;
  });
  doc.x = c.left;
  doc.y = y + height;
}

function rowHeight(c: PdfCanvas, cells: string[], widths: number[], bold: boolean): number {
  const { doc } = c;
  const size = c.fontSize * 0.9;
  const pad = size * 0.45;
  doc.font(bold ? BOLD : REGULAR).fontSize(size);
  const heights = cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - 2 * pad, lineGap: lineGap(size) * 0.6 }));
  return Math.max(...heights) + 2 * pad;
}

function drawFields(c: PdfCanvas, columns: number, items: Array<{ label: string; value: string }>): void {
  const per = c.width / columns;
  const widths: number[] = [];
  for (let i = 0; i < columns; i++) widths.push(per * 0.36, per * 0.64);
  const fills = widths.map((_, i) => (i % 2 === 0 ? FILL : ''));
  for (let i = 0; i < items.length; i += columns) {
    const slice = items.slice(i, i + columns);
    const cells = slice.flatMap((item) => [item.label, item.value]);
    const used = widths.slice(0, cells.length);
    // A short last line spans the rest of the width so the grid stays closed.
    if (cells.length < widths.length) used[used.length - 1]! += widths.slice(cells.length).reduce((s, w) => s + w, 0);
    room(c, rowHeight(c, cells, used, true));
    drawRow(c, cells, used, cells.map(() => 'left'), { fill: fills });
  }
  c.doc.y += c.fontSize * 0.8;
}

/** Per column, the width its longest word needs (bold header or regular cell) plus the cell padding. */
function columnMinimums(c: PdfCanvas, table: LayoutTable): number[] {
  const { doc } = c;
  const size = c.fontSize * 0.9;
  const pad = size * 0.45;
  const widest = (texts: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(0, ...texts.flatMap(unbreakableRuns).map((run) => doc.widthOfString(run)));
  };
  return table.columns.map((col, i) => {
    const cells = table.rows.map((row) => row[i] ?? '');
    // Capped: one very long token (a URL) must not starve the other columns; it breaks instead.
    return Math.min(Math.max(widest([col.header], BOLD), widest(cells, REGULAR)) + 2 * pad + 1, c.width * 0.4);
  });
}

function drawTable(c: PdfCanvas, table: LayoutTable): void {
  const { doc } = c;
  const widths = fitColumnWidths(table.columns.map((col) => col.width), columnMinimums(c, table), c.width);
  const aligns = table.columns.map((col) => col.align);
  const headers = table.columns.map((col) => col.header);
  const header = () => {
    room(c, rowHeight(c, headers, widths, true) + rowHeight(c, table.rows[0] ?? [table.emptyText], widths, false));
    drawRow(c, headers, widths, headers.map(() => 'center'), { bold: true, fill: headers.map(() => FILL) });
  };
  if (table.caption) {
    doc.font(BOLD).fontSize(c.fontSize).fillColor(INK);
    room(c, c.fontSize * 4);
    doc.text(table.caption, c.left, doc.y, { width: c.width });
    doc.y += c.fontSize * 0.3;
  }
  header();
  if (table.rows.length === 0) {
    drawRow(c, [table.emptyText], [c.width], ['center'], {});
  }
  for (const row of table.rows) {
    if (doc.y + rowHeight(c, row, widths, false) > c.bottom()) {
      c.newPage();
      header();
    }
    drawRow(c, row, widths, aligns, {});
  }
  doc.y += c.fontSize * 0.8;
}

function drawSignature(c: PdfCanvas, block: LayoutSignature): void {
  const { doc, fontSize } = c;
  const width = Math.min(c.width, 75 * MM);
  const x = blockX(c, width, block.align);
  const row = c.signatureRow;
  const beside = row !== undefined && row.page === c.pageIndex() && !row.aligns.includes(block.align);
  if (beside) doc.y = row.top;
  else {
    room(c, fontSize * 8);
    doc.y += fontSize;
  }
  const top = doc.y;
  const label = block.label + (c.locale === 'en' ? ': ' : '：');
  const labelWidth = doc.font(REGULAR).fontSize(fontSize).widthOfString(label);
  const lineY = doc.y + fontSize * 1.3;
  doc.fillColor(INK).text(label, x, doc.y, { lineBreak: false });
  const image = block.captured?.fileId ? c.loadImage?.(block.captured.fileId) : undefined;
  if (image) doc.image(image, x + labelWidth, lineY - fontSize * 2.5, { fit: [width - labelWidth, fontSize * 2.6] });
  doc.moveTo(x + labelWidth, lineY).lineTo(x + width, lineY).lineWidth(0.6).strokeColor(INK).stroke();
  doc.y = lineY + fontSize * 0.3;
  if (block.signer) doc.font(REGULAR).fontSize(fontSize * 0.9).text(block.signer, x + labelWidth, doc.y, { width: width - labelWidth, align: 'center' });
  if (block.captured) doc.fontSize(fontSize * 0.75).fillColor(MUTED).text(block.captured.note, x, doc.y, { width });
  if (block.dateLine) doc.fontSize(fontSize).fillColor(INK).text(block.dateLine, x, doc.y + fontSize * 0.4, { width });
  doc.x = c.left;
  doc.y += fontSize;
  // Two signatures in a row (employee left, HR right) share one line of the page.
  const bottom = beside ? Math.max(doc.y, row.bottom) : doc.y;
  doc.y = bottom;
  c.signatureRow = { top, bottom, page: c.pageIndex(), aligns: beside ? [...row.aligns, block.align] : [block.align] };
}

function drawSeal(c: PdfCanvas, block: LayoutSeal): void {
  const { doc, fontSize } = c;
  const radius = 20 * MM;
  const width = Math.min(c.width, 80 * MM);
  const x = blockX(c, width, block.align);
  room(c, radius * 2 + fontSize * 2);
  const top = doc.y + fontSize;
  const centerX = x + width / 2;
  const centerY = top + radius;
  const image = block.image ? imageFrom(block.image, c) : undefined;
  if (image) {
    doc.image(image, centerX - radius, top, { fit: [radius * 2, radius * 2], align: 'center', valign: 'center' });
  } else {
    // Where the company stamps its seal: a dashed outline with the label, over the name and the date.
    doc.save().circle(centerX, centerY, radius).lineWidth(1).dash(4, { space: 3 }).strokeColor(SEAL_RED).stroke().undash().restore();
    doc.font(REGULAR).fontSize(fontSize * 0.75).fillColor(SEAL_RED).text(block.label, x, centerY - radius * 0.55, { width, align: 'center' });
  }
  doc.font(REGULAR).fontSize(fontSize).fillColor(INK);
  let y = centerY - fontSize * 0.2;
  if (block.organization) {
    doc.text(block.organization, x, y, { width, align: 'center' });
    y = doc.y + fontSize * 0.3;
  }
  if (block.date) doc.text(block.date, x, y, { width, align: 'center' });
  doc.x = c.left;
  doc.y = Math.max(doc.y, centerY + radius) + fontSize;
}

function drawImage(c: PdfCanvas, src: string, widthMm: number | undefined, align: Align): void {
  const bytes = imageFrom(src, c);
  if (!bytes) return;
  const { doc } = c;
  const width = Math.min(c.width, (widthMm ?? 40) * MM);
  // openImage is public pdfkit API (image() accepts what it returns) but missing from @types/pdfkit.
  const image = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(bytes);
  const height = (image.height / image.width) * width;
  room(c, height);
  doc.image(image as unknown as Buffer, blockX(c, width, align), doc.y, { width });
  doc.x = c.left;
  doc.y += height + c.fontSize * 0.5;
}

/** Draws one laid-out block at the cursor, paginating as it goes. */
export function drawBlock(c: PdfCanvas, block: LayoutBlock): void {
  if (block.type !== 'signature') c.signatureRow = undefined;
  switch (block.type) {
    case 'heading': return drawHeading(c, block.text, block.level, block.align);
    case 'paragraph': return drawParagraph(c, block.text, block.align, block.indent);
    case 'fields': return drawFields(c, block.columns, block.items);
    case 'table': return drawTable(c, block);
    case 'signature': return drawSignature(c, block);
    case 'seal': return drawSeal(c, block);
    case 'image': return drawImage(c, block.src, block.width, block.align);
    case 'spacer':
      c.doc.y += block.height * MM;
      if (c.doc.y > c.bottom()) c.newPage();
      return;
    case 'page-break':
      return c.newPage();
  }
}
