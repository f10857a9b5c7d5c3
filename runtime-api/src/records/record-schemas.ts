import type { Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime, JsonObject, KeySchema } from '../app/schema-helpers.js';
import type { RecordsTable } from '../db/database.js';
import { FormDataSchema, maskSecrets } from '../secrets/masked-secret.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const FormKeyParams = Closed({ formKey: KeySchema });
export const RecordParams = Closed({ formKey: KeySchema, id: Type.String({ minLength: 1, maxLength: 64 }) });

export const RecordViewSchema = Closed({
  id: Type.String(),
  formKey: Type.String(),
  formVersion: Type.Integer(),
  version: Type.Integer({ description: 'Send it back with PATCH: a stale version is refused (409)' }),
  data: FormDataSchema,
  createdBy: Type.String(),
  createdAt: IsoDateTime,
  updatedBy: Nullable(Type.String()),
  updatedAt: IsoDateTime,
});
export type RecordView = Static<typeof RecordViewSchema>;

export const CreateRecordBody = Closed({ data: JsonObject });
export const PatchRecordBody = Closed({
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The fields to change, merged over the record at the top level (JSON Merge Patch): null clears a field (it is removed; a required one is refused)',
  }),
  version: Type.Integer({ minimum: 1, description: 'The version you read' }),
});

export const RecordListQuery = Closed({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export const RecordListResult = Closed({ items: Type.Array(RecordViewSchema), limit: Type.Integer(), offset: Type.Integer() });

export function toRecordView(row: Selectable<RecordsTable>): RecordView {
  return {
    id: row.id,
    formKey: row.form_key,
    formVersion: row.form_version,
    version: row.version,
    data: maskSecrets(row.data),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}
