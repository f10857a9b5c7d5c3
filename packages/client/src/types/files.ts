/** What an attachment field holds. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** sha256 of the content, hex. */
  sha256: string;
  [extra: string]: unknown;
}

export interface FileUpload {
  /** The content: a Blob (or File), or bytes. */
  content: Blob | Uint8Array;
  name: string;
  contentType?: string;
}
