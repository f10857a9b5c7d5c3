import contentDispositionHeader from 'content-disposition';

/** A file name that cannot escape a folder or break a header: no separators, controls or quotes; at most 150 chars. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  return cleaned || fallback;
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 with RFC 5987,
 * built by jshttp's content-disposition, as the files routes do), so browsers save "离职证明-张三.pdf" and
 * old clients still get a plain ASCII name.
 */
export function contentDisposition(fileName: string, asciiFallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // An ASCII name is its own fallback; any other gets the plain one beside its UTF-8 form.
  const fallback = /^[\x20-\x7e]+$/.test(fileName) ? true : asciiFallback.replace(/[^\x20-\x7e]/g, '_');
  return contentDispositionHeader(fileName, { type: disposition, fallback });
}
