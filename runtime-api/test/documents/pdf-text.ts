import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: string[];
  /** All pages' text with every whitespace removed: line breaks fall anywhere in Chinese text. */
  compact: string;
  /** The document's metadata as pdf.js reads it. */
  info: Record<string, unknown>;
}

/** The text a reader copies out of a PDF, through pdf.js (Mozilla's own parser), page by page. */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, compact: pages.join('').replace(/\s+/g, ''), info: info as Record<string, unknown> };
}

/** For assertions on compact text: the same needle without whitespace. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');
