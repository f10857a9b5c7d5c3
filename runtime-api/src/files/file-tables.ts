import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Metadata of an uploaded file (migration 0006); the bytes are in the file store under storage_key. */
export interface FilesTable {
  id: string;
  name: string;
  size: number;
  content_type: string;
  /** sha256 of the content, hex, computed while the upload streamed in. */
  sha256: string;
  storage: 'local' | 's3';
  storage_key: string;
  uploaded_by: string;
  created_at: Timestamp;
}

/** Which instance, record or task data references a file: downloads are checked against these. */
export interface FileLinksTable {
  file_id: string;
  subject_kind: FileSubjectKind;
  subject_id: string;
  linked_by: string;
  created_at: Timestamp;
}

export type FileSubjectKind = 'instance' | 'record' | 'task';

// The files tables join the runtime's Database type here, beside their migration's concern, rather than
// in db/database.ts, which every slice edits.
declare module '../db/database.js' {
  interface Database {
    files: FilesTable;
    file_links: FileLinksTable;
  }
}
