import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../auth/auth-plugin.js';
import { ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, KeySchema, withErrors } from '../app/schema-helpers.js';
import { exportPack } from './export-pack.js';
import { importPack } from './import-pack.js';
import { PackBundle, PackImportResult, PackView } from './pack-schemas.js';
import { findPack, listPacks, toPackView } from './pack-store.js';
import { loadPackParameterStates } from './pack-parameters.js';
import { setPackParameters, toParameterView } from './set-pack-parameters.js';
import { executionServices } from '../execution/execution-services.js';
import './pack-errors.js';

/** Packs carry many definitions and seed rows: more than one definition's body limit. */
const PACK_BODY_LIMIT = 16 * 1024 * 1024;

const ParameterView = Type.Object(
  {
    key: Type.String(),
    label: Type.Unknown(),
    description: Type.Optional(Type.Unknown()),
    type: Type.String(),
    unit: Type.Optional(Type.String()),
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
    options: Type.Optional(Type.Unknown()),
    default: Type.Unknown({ description: 'The default of the latest imported pack version.' }),
    value: Type.Unknown({ description: 'What rules read on this installation: the operator\'s value when set, else the default.' }),
    overridden: Type.Boolean(),
    ignoredValue: Type.Optional(Type.Unknown({ description: 'A stored value the current declaration no longer accepts (ignored; set a new one).' })),
  },
  { additionalProperties: false },
);
const ParametersReply = Closed({ pack: Type.String(), parameters: Type.Array(ParameterView), replannedTimers: Type.Optional(Type.Integer()) });

export const packsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  app.post(
    '/packs/import',
    {
      config: { roles: [ROLES.designer] },
      bodyLimit: Math.max(PACK_BODY_LIMIT, app.baton.config.bodyLimit),
      schema: {
        tags: ['packs'],
        summary: 'Import a pack: validate it all, then publish changed definitions, load the seed and record the version, in one transaction',
        description:
          'Idempotent: a pack version already imported with the same content answers 200 and changes nothing. ' +
          'A definition identical to its published version is left as it is; a changed one is published as its next version. ' +
          'A definition the installed version of this pack brought and this version drops is retired (archived; a rule stops firing ' +
          'and its scheduled timers are cancelled), unless someone changed it since or another pack lists it: then it is kept.',
        querystring: Closed({ demo: Type.Boolean({ default: false, description: 'Also load seed entries marked "demo".' }) }),
        body: PackBundle,
        response: withErrors({ 200: PackImportResult, 201: PackImportResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return runCommand(request, reply, (trx) =>
        importPack(trx, { bundle: request.body, includeDemo: request.query.demo, locale: request.locale, actor: principal.userId, timeZone: app.baton.config.timeZone }),
      );
    },
  );

  app.get(
    '/packs',
    {
      config: { roles: [ROLES.designer] },
      schema: {
        tags: ['packs'],
        summary: 'Imported pack versions, newest version of each key first',
        querystring: Closed({
          key: Type.Optional(KeySchema),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: withErrors({ 200: Closed({ items: Type.Array(PackView) }) }),
      },
    },
    async (request) => ({ items: (await listPacks(app.baton.database.db, request.query)).map(toPackView) }),
  );

  app.get(
    '/packs/:key/parameters',
    {
      config: { roles: [ROLES.designer] },
      schema: {
        tags: ['packs'],
        summary: 'The parameters of a pack on this installation: each declaration, its default and the value rules read',
        params: Closed({ key: KeySchema }),
        response: withErrors({ 200: ParametersReply }),
      },
    },
    async (request) => {
      const { key } = request.params;
      const row = await findPack(app.baton.database.db, key, undefined);
      if (!row) throw new ApiError('BATON_E_PACK_NOT_FOUND', { key, version: '' }, [], '/params/key');
      return { pack: key, parameters: (await loadPackParameterStates(app.baton.database.db, key)).map(toParameterView) };
    },
  );

  app.put(
    '/packs/:key/parameters',
    {
      config: { roles: [ROLES.admin] },
      schema: {
        tags: ['packs'],
        summary: 'Set this installation\'s values of pack parameters (kept across re-imports); rule timers are re-planned at once',
        description:
          'Each value is checked against the declaration in the latest imported pack.json (type, minimum, maximum, options); ' +
          'null goes back to the default. All or nothing, audited. Timers already fired are not fired again.',
        params: Closed({ key: KeySchema }),
        body: Closed({ values: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.Unknown(), { minProperties: 1, maxProperties: 100 }) }),
        response: withErrors({ 200: ParametersReply }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return runCommand(request, reply, (trx) =>
        setPackParameters(trx, { packKey: request.params.key, values: request.body.values, actor: principal.userId, locale: request.locale, services }),
      );
    },
  );

  app.get(
    '/packs/:key/export',
    {
      config: { roles: [ROLES.designer] },
      schema: {
        tags: ['packs'],
        summary: 'A pack version as a bundle (the latest, or ?version=), ready to import elsewhere',
        params: Closed({ key: KeySchema }),
        querystring: Closed({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: withErrors({ 200: PackBundle }),
      },
    },
    async (request) => {
      const { key } = request.params;
      const { version } = request.query;
      const row = await findPack(app.baton.database.db, key, version);
      if (!row) throw new ApiError('BATON_E_PACK_NOT_FOUND', { key, version: version === undefined ? '' : ` version ${version}` }, [], '/params/key');
      return exportPack(row);
    },
  );
};
