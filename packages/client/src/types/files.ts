/**
 * What POST /files answers and an attachment field holds, item by item (the engine's attachment value):
 * put it into the field's array as it is.
 */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  /** sha256 of the content, hex. */
  sha256: string;
}

export interface FileUpload {
  /** The content: a Blob (or File), or bytes. */
  content: Blob | Uint8Array;
  name: string;
  contentType?: string;
}

/** A downloaded file (GET /files/:id). */
export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
  /** From Content-Disposition. */
  fileName: string | null;
  /** sha256 of the content, hex (the ETag). */
  sha256: string | null;
}

/** How every answer shows a secret form field; send it back unchanged to keep the value. */
export interface MaskedSecret {
  sealed: true;
  masked: string;
  ref: string;
}

/** POST /instances/:id/secrets/reveal and /records/:formKey/:id/secrets/reveal (audited). */
export interface RevealedSecret {
  path: string;
  value: string;
}
