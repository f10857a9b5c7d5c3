import type { Locale } from '../i18n/localized-text.js';

/**
 * What a document definition compiles to for one render: every placeholder filled, every label in its
 * locale, no IO left. A renderer (PDF in runtime-api, HTML in the designer's preview) only lays it out.
 * Lengths are millimetres, font sizes points.
 */
export interface DocumentLayout {
  document: { key: string; version: number };
  /** The title of the first part, for the PDF's metadata. */
  title: string;
  /** The file name without extension, filled from the definition's `fileName` (or the title). */
  fileName: string;
  page: LayoutPage;
  /** One part per rendered locale; a bilingual document has two, each starting on a new page. */
  parts: LayoutPart[];
  /** Placeholders that resolved to nothing, e.g. "{{employeeId.idNumber}}" when the directory lacks it. */
  missing: string[];
}

export type PageSize = 'A4' | 'A5' | 'B5' | 'Letter' | 'Legal';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface LayoutPage {
  size: PageSize;
  orientation: 'portrait' | 'landscape';
  margins: { top: number; right: number; bottom: number; left: number };
  /** Body text size in points. */
  fontSize: number;
}

/** Text with page numbers still open: they are known only once the renderer has paginated. */
export type PageText = Array<string | { pageVar: 'page' | 'pages' }>;

export interface LayoutPart {
  locale: Locale;
  title: string;
  header?: PageText;
  footer?: PageText;
  watermark?: string;
  blocks: LayoutBlock[];
}

export type LayoutBlock =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 | 4; align: Align }
  | { type: 'paragraph'; text: string; align: Align; indent: boolean }
  | { type: 'fields'; columns: number; items: Array<{ label: string; value: string }> }
  | LayoutTable
  | LayoutSignature
  | LayoutSeal
  | { type: 'image'; src: string; width?: number; align: Align }
  | { type: 'spacer'; height: number }
  | { type: 'page-break' };

export interface LayoutTable {
  type: 'table';
  caption?: string;
  /** Widths are fractions of the text width and add up to 1. A numbered table's first column is "No.". */
  columns: Array<{ header: string; width: number; align: 'left' | 'center' | 'right' }>;
  rows: string[][];
  /** Printed in place of the rows when there are none. */
  emptyText: string;
}

export interface LayoutSignature {
  type: 'signature';
  label: string;
  signer?: string;
  /** A captured signature (a signature field's value): the file to draw, and a line saying when it was signed. */
  captured?: { fileId?: string; note: string };
  /** The date line under the signature ("日期：2025年07月31日", or blanks to fill in by hand). */
  dateLine?: string;
  align: Align;
}

export interface LayoutSeal {
  type: 'seal';
  /** Printed inside the seal outline when no image is given ("公司盖章"). */
  label: string;
  organization?: string;
  date?: string;
  image?: string;
  align: Align;
}
