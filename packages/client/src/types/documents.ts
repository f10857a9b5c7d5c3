/** A rendered document (GET /instances/:id/documents/:documentKey). */
export interface DocumentFile {
  contentType: string;
  /** From Content-Disposition when the server names the file. */
  fileName: string | null;
  bytes: Uint8Array;
  /** sha256 of `bytes` (hex), as the server recorded it in the audit log. */
  sha256: string | null;
  /** The version of the document definition it was rendered from. */
  version: number | null;
}

export interface DocumentOptions {
  /** One language; default: every language the document is written in (a bilingual one prints both). */
  locale?: 'zh-CN' | 'en';
  /** inline to show it in a browser; attachment (default) to save it. */
  disposition?: 'attachment' | 'inline';
}
