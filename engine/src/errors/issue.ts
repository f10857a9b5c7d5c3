import type { Locale } from '../i18n/localized-text.js';

/**
 * One problem found in a definition, a form submission or a command.
 * `path` is a JSON Pointer into the input ("/nodes/3/config/assignees"); `message` is in the requested
 * locale and `messages` carries both, so an API can answer in the caller's language without re-validating.
 */
export interface Issue {
  code: string;
  path: string;
  message: string;
  messages: Record<Locale, string>;
  params?: Record<string, unknown>;
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON Pointer: pointer('nodes', 3, 'config') === '/nodes/3/config'. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
