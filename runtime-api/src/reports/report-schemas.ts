import { Type, type Static } from 'typebox';
import { Closed, JsonObject, KeySchema } from '../app/schema-helpers.js';

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const ReportKeyParams = Closed({ key: KeySchema });

const Filters = Type.Union([Type.Array(JsonObject, { maxItems: 50 }), JsonObject], {
  description: 'A list of { field, op, value } filters, or one JsonLogic condition (==, !=, <, <=, >, >=, in, and, or, !)',
});

export const ReportRunBody = Closed({
  filters: Type.Optional(Filters),
  params: Type.Optional(JsonObject),
});
export type ReportRunBodyType = Static<typeof ReportRunBody>;

export const ReportDrillBody = Closed({
  filters: Type.Optional(Filters),
  params: Type.Optional(JsonObject),
  dimensionValues: Type.Record(Type.String({ maxLength: 64 }), Cell, { description: 'The cell: a value per dimension key (a date bucket is its first day)' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

const Column = Closed({
  key: Type.String(),
  role: Type.Union([Type.Literal('dimension'), Type.Literal('measure')]),
  kind: Type.String(),
  label: Type.String(),
  type: Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('boolean'), Type.Literal('date')]),
  bucket: Type.Optional(Type.String()),
  valueLabels: Type.Optional(Type.Record(Type.String(), Type.String())),
  references: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('instance')], { description: 'The values are ids of people or flow instances; valueLabels hold their names or references' })),
  format: Type.Optional(JsonObject),
  unit: Type.Optional(Type.String()),
  stat: Type.Optional(Type.String()),
  otherValue: Type.Optional(Type.String({ description: 'Top-N dimensions: the value standing for every value outside the top n ("Other", labelled in valueLabels)' })),
});

const Scope = Type.Union([Type.Literal('all'), Type.Literal('visible')], {
  description: '"all": every row counts; "visible": only rows the caller may see one by one',
});

export const ReportResultSchema = Closed({
  report: Closed({ key: Type.String(), version: Type.Integer(), title: Type.String() }),
  columns: Type.Array(Column),
  rows: Type.Array(Type.Record(Type.String(), Cell)),
  meta: Closed({ scope: Scope, truncated: Type.Boolean(), timeZone: Type.String(), now: Type.String(), rowCount: Type.Integer(),
    matched: Type.Integer({ description: 'Groups with dataset rows, before headcount added groups of zero counts: 0 means no data (no leavers), not a zero rate' }) }),
});

export const DrillResultSchema = Closed({
  columns: Type.Array(Closed({ key: Type.String(), field: Type.String(), label: Type.String() })),
  rows: Type.Array(Type.Record(Type.String(), Cell)),
  meta: Closed({ scope: Scope, limit: Type.Integer(), offset: Type.Integer(), hasMore: Type.Boolean() }),
});

export const ReportPreviewBody = Closed({
  definition: JsonObject,
  filters: Type.Optional(Filters),
  params: Type.Optional(JsonObject),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200, description: 'At most this many rows come back (meta.truncated says when more exist)' })),
});
