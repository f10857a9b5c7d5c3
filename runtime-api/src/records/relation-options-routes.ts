import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { canReadRecord, canReadRecords, hasRecordReaders } from '../access/record-access.js';
import { passesFilter, relationsOf } from '../access/relation-filter-check.js';
import { principalOf } from '../auth/auth-plugin.js';
import { Closed, JsonObject, KeySchema, withErrors } from '../app/schema-helpers.js';
import { ApiError } from '../errors/api-error.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import { collectionForm } from './record-writes.js';
import { idsReferencedByInstance } from './instance-referenced-records.js';
import { RecordViewSchema, toRecordView, type RecordView } from './record-schemas.js';

const RelationOptionsBody = Closed({
  form: KeySchema,
  field: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$', maxLength: 129, description: '"customerId" or, in a sub-table, "customers.customerId"' }),
  data: Type.Optional(JsonObject),
  instanceId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: "The instance whose task or page shows the form: the records its data names at this field are listed too (their display field only) to anyone who may see it" }),
  ),
});
/** A record someone sees only by name (their instance names it): its id and display field, nothing else. */
const RecordNameSchema = Closed(
  { id: Type.String(), data: Type.Record(Type.String(), Type.Unknown(), { description: 'The display field only, e.g. { "name": "华星科技" }' }) },
  { description: 'A record the caller may not read, named by an instance they see: no version, authors or other fields' },
);
type RecordName = Static<typeof RecordNameSchema>;
const RelationOptionsResult = Closed({ items: Type.Array(Type.Union([RecordViewSchema, RecordNameSchema])) });
/** As many as the picker lists (GET /records/:formKey allows 500 a page too). */
const MAX_OPTIONS = 500;

/**
 * The records a relation field offers while its form is filled in: those of its collection that pass its
 * `filter` on the form's current data (e.g. only the assets the leaver holds). Submitting one outside it is
 * refused anyway (relation-filter-check.ts); this keeps the picker honest.
 */
export function relationOptionsRoutes(services: ExecutionServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    const db = app.baton.database.db;
    app.post(
      '/relation-options',
      {
        schema: {
          tags: ['records'],
          summary: "The records a form's relation field offers for the form's current data (its filter applied)",
          body: RelationOptionsBody,
          response: withErrors({ 200: RelationOptionsResult }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { form: formKey, field, data = {}, instanceId } = request.body;
        const source = await services.definitions.form(db, formKey);
        if (!source) throw new ApiError('BATON_E_FORM_NOT_PUBLISHED', { formKey }, [], '/form');
        const relations = relationsOf(source.compiled);
        const relation = relations.find((r) => r.path === field);
        if (!relation) {
          throw new ApiError('BATON_E_RELATION_FIELD_UNKNOWN', { form: formKey, field, known: relations.map((r) => r.path).join(', ') || '—' }, [], '/field');
        }
        const target = collectionForm(await services.definitions.form(db, relation.form), relation.form, '/field');
        const referenced = instanceId ? await idsReferencedByInstance(db, services, principal, { instanceId, formKey, field }) : new Set<string>();
        if (!canReadRecords(principal, target.body) && !hasRecordReaders(target.body) && referenced.size === 0) {
          throw new ApiError('BATON_E_FORBIDDEN', { required: 'a reader of the collection' });
        }
        const rows = await db.selectFrom('records').selectAll().where('form_key', '=', relation.form).orderBy('created_at').orderBy('id').execute();
        const items = rows.flatMap((row): Array<RecordView | RecordName> => {
          // Per-record readers (an asset's holder) see only their own records among the options.
          if (canReadRecord(principal, target.body, row.data)) {
            return referenced.has(row.id) || passesFilter(relation, { id: row.id, data: row.data }, data) ? [toRecordView(row)] : [];
          }
          // What the instance already names is shown by name to whoever sees the instance, nothing more.
          return referenced.has(row.id) ? [displayOnly(toRecordView(row), relation.displayField)] : [];
        });
        return { items: items.slice(0, MAX_OPTIONS) };
      },
    );
  };
}

/** A record as a relation field draws it: its id and display field, not the rest of its data nor who wrote it. */
function displayOnly(view: RecordView, displayField: string | undefined): RecordName {
  const data = displayField !== undefined && Object.hasOwn(view.data, displayField) ? { [displayField]: view.data[displayField] } : {};
  return { id: view.id, data };
}
