import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Issue, Locale, Registry } from '@baton/engine';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, IsoDateTime, JsonObject, KeySchema, KindSchema, withErrors } from '../app/schema-helpers.js';
import { checkDefinition } from './check-definition.js';
import {
  definitionHash,
  findDefinition,
  latestVersionForUpdate,
  listDefinitions,
  publishedBodies,
  toView,
  type DefinitionRow,
} from './definition-store.js';
import './definition-errors.js';

const StatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]);

const DefinitionSummary = Closed({
  kind: Type.String(),
  key: Type.String(),
  version: Type.Integer(),
  status: StatusSchema,
  hash: Type.String(),
  title: Type.Unknown(),
  createdBy: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  publishedAt: Type.Union([IsoDateTime, Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
});
const DefinitionWithBody = Closed({ ...DefinitionSummary.properties, body: JsonObject });

// The definition's own shape is checked by the engine (draft 2020-12 schemas, semantic checks), which
// rejects unknown properties with a 422 and paths; the route only insists on what it needs to store it.
const DraftBody = Type.Object(
  { kind: KindSchema, key: KeySchema },
  { additionalProperties: true, description: 'A definition (form, flow, rule, …); its version is assigned by the server.' },
);

const KindKeyParams = Closed({ kind: KindSchema, key: KeySchema });

function withBody(row: DefinitionRow) {
  return { ...toView({ ...row, title: row.body.title }), body: row.body };
}

function invalid(errors: Issue[]): ApiError {
  return new ApiError('BATON_E_DEFINITION_INVALID', {}, errors, errors[0]?.path ?? '');
}

async function validate(trx: Kysely<Database>, body: Record<string, unknown>, locale: Locale, registry: Registry | undefined): Promise<void> {
  const published = await publishedBodies(trx);
  const result = checkDefinition(body, locale, (kind, key) => published.get(`${kind}/${key}`), registry);
  if (!result.ok) throw invalid(result.errors);
}

export const definitionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/definitions',
    {
      config: { roles: [ROLES.designer] },
      schema: {
        tags: ['definitions'],
        summary: 'Save a draft: a new version of the key, or a replacement of its current draft',
        body: DraftBody,
        response: withErrors({ 200: DefinitionWithBody, 201: DefinitionWithBody }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return runCommand(request, reply, async (trx) => {
        const { kind, key } = request.body;
        const latest = await latestVersionForUpdate(trx, kind, key);
        const replacesDraft = latest?.status === 'draft';
        const version = replacesDraft ? latest.version : (latest?.version ?? 0) + 1;
        const body = { ...request.body, version } as Record<string, unknown>;
        await validate(trx, body, request.locale, app.baton.registry);
        const hash = definitionHash(body);
        const row = replacesDraft
          ? await trx
              .updateTable('definitions')
              .set({ body: JSON.stringify(body), hash, updated_at: sql`now()` })
              .where('id', '=', latest.id)
              .returningAll()
              .executeTakeFirstOrThrow()
          : await trx
              .insertInto('definitions')
              .values({ kind, key, version, status: 'draft', body: JSON.stringify(body), hash, created_by: principal.userId, published_at: null, published_by: null })
              .returningAll()
              .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'definition.draft-saved',
          subjectKind: 'definition',
          subjectId: `${kind}/${key}@${version}`,
          data: { kind, key, version, hash },
        });
        return { status: replacesDraft ? 200 : 201, body: withBody(row) };
      });
    },
  );

  app.get(
    '/definitions',
    {
      schema: {
        tags: ['definitions'],
        summary: 'List definitions (newest version first), without their bodies',
        querystring: Closed({
          kind: Type.Optional(KindSchema),
          key: Type.Optional(KeySchema),
          status: Type.Optional(StatusSchema),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: withErrors({ 200: Closed({ items: Type.Array(DefinitionSummary) }) }),
      },
    },
    async (request) => {
      const items = await listDefinitions(app.baton.database.db, request.query);
      return { items };
    },
  );

  app.get(
    '/definitions/:kind/:key',
    {
      schema: {
        tags: ['definitions'],
        summary: 'The latest published version of a definition, or ?version= for any other',
        params: KindKeyParams,
        querystring: Closed({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: withErrors({ 200: DefinitionWithBody }),
      },
    },
    async (request) => {
      const { kind, key } = request.params;
      const { version } = request.query;
      const row = await findDefinition(app.baton.database.db, kind, key, version);
      if (!row) {
        throw new ApiError('BATON_E_DEFINITION_NOT_FOUND', {
          kind,
          key,
          status: version === undefined ? 'published ' : '',
          version: version === undefined ? '' : ` version ${version}`,
        });
      }
      return withBody(row);
    },
  );

  app.post(
    '/definitions/:kind/:key/publish',
    {
      config: { roles: [ROLES.designer] },
      // The body is optional: a POST without one publishes the latest draft.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: {
        tags: ['definitions'],
        summary: 'Publish a draft (the latest, or the given version); published versions never change',
        params: KindKeyParams,
        body: Closed({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: withErrors({ 200: DefinitionWithBody }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { kind, key } = request.params;
      const requested = request.body?.version;
      return runCommand(request, reply, async (trx) => {
        const target =
          requested === undefined
            ? await latestVersionForUpdate(trx, kind, key)
            : await trx
                .selectFrom('definitions')
                .selectAll()
                .where('kind', '=', kind)
                .where('key', '=', key)
                .where('version', '=', requested)
                .forUpdate()
                .executeTakeFirst();
        if (!target) {
          if (requested === undefined) throw new ApiError('BATON_E_DEFINITION_NO_DRAFT', { kind, key });
          throw new ApiError('BATON_E_DEFINITION_NOT_FOUND', { kind, key, status: '', version: ` version ${requested}` }, [], '/version');
        }
        if (target.status !== 'draft') {
          if (requested === undefined) throw new ApiError('BATON_E_DEFINITION_NO_DRAFT', { kind, key });
          throw new ApiError('BATON_E_DEFINITION_NOT_DRAFT', { kind, key, version: target.version, status: target.status }, [], '/version');
        }
        // References may have changed since the draft was saved: check again against what is published now.
        await validate(trx, target.body, request.locale, app.baton.registry);
        const row = await trx
          .updateTable('definitions')
          .set({ status: 'published', published_at: sql`now()`, published_by: principal.userId, updated_at: sql`now()` })
          .where('id', '=', target.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'definition.published',
          subjectKind: 'definition',
          subjectId: `${kind}/${key}@${row.version}`,
          data: { kind, key, version: row.version, hash: row.hash },
        });
        return { status: 200, body: withBody(row) };
      });
    },
  );
};
