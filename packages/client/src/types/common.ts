/** Text shown to users: a plain string, or one string per locale. */
export type LocalizedText = string | { en?: string; 'zh-CN'?: string; [locale: string]: string | undefined };

export type Locale = 'en' | 'zh-CN';

/** A JSON object (definition bodies, form data, attributes). */
export type JsonObject = Record<string, unknown>;

/** An ISO 8601 date-time string, e.g. "2025-03-01T08:00:00.000Z". */
export type IsoDateTime = string;
/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** One problem the server found, with the JSON Pointer of the offending value. */
export interface ApiIssue {
  code: string;
  path: string;
  message: string;
}

/** The body of every 4xx and 5xx answer. */
export interface ErrorBody {
  error: { code: string; message: string; path: string; issues: ApiIssue[] };
}

export interface Page {
  limit?: number;
  offset?: number;
}
