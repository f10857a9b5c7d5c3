/**
 * Content types and names of uploads. The type is what the client declared (not sniffed), so only types
 * a browser renders harmlessly are served inline; everything else, SVG and HTML included, downloads.
 */

const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

/** "Text/Plain; charset=utf-8" → "text/plain"; anything not type/subtype → application/octet-stream. */
export function normalizeContentType(raw: string | undefined): string {
  const bare = (raw ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(bare) && bare.length <= 255 ? bare : 'application/octet-stream';
}

/** `allowed` entries: "application/pdf", "image/*", or "*" for anything. */
export function isAllowedType(contentType: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => a === '*' || a === contentType || (a.endsWith('/*') && contentType.startsWith(a.slice(0, -1))));
}

export function servedInline(contentType: string): boolean {
  return INLINE_TYPES.has(contentType);
}

/**
 * The last path segment of a client's file name, without control characters or the characters Windows
 * refuses, at most 255 characters; "file" when nothing is left.
 */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/[\ud800-\udfff]/gu, '').trim().replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, 255).join('') || 'file';
}
