import { Type, type TProperties, type TObject, type TSchema } from 'typebox';
import { ErrorBodySchema } from '../errors/error-body.js';

/** An object schema that rejects unknown properties: every request and response shape is closed. */
export function Closed<T extends TProperties>(properties: T, options: { description?: string } = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A route's response map with the shared error body for every 4xx and 5xx. */
export function withErrors<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema };
}

export const DEFINITION_KINDS = ['form', 'flow', 'rule', 'report', 'document', 'connector', 'pack'] as const;
export type DefinitionKindName = (typeof DEFINITION_KINDS)[number];

export const KeySchema = Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 });
export const KindSchema = Type.Union(DEFINITION_KINDS.map((k) => Type.Literal(k)));
export const IsoDateTime = Type.String({ format: 'date-time' });
export const IsoDate = Type.String({ format: 'date' });
export const JsonObject = Type.Record(Type.String(), Type.Unknown());
