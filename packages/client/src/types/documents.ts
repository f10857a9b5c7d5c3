/** A rendered document (GET /instances/:id/documents/:documentKey). */
export interface DocumentFile {
  contentType: string;
  /** From Content-Disposition when the server names the file. */
  fileName: string | null;
  bytes: Uint8Array;
}
