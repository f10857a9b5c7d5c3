import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Closed, JsonObject, withErrors } from '../app/schema-helpers.js';
import { instanceViewOf } from '../access/instance-access.js';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole } from '../auth/principal.js';
import { ApiError } from '../errors/api-error.js';
import { executionServices } from '../execution/execution-services.js';
import '../execution/execution-errors.js';
import { InstanceIdParams } from '../instances/instance-schemas.js';
import { instanceEvidence } from './instance-evidence.js';

const Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });

const SignedHeadSchema = Closed({
  chainId: Type.String(),
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String(),
  keyId: Type.String(),
  signature: Type.String(),
});

const VerificationSchema = Closed({
  ok: Type.Boolean(),
  entries: Type.Integer({ description: 'Chained entries checked' }),
  head: Type.Union([Type.String(), Type.Null()]),
  firstBrokenSeq: Type.Optional(Type.Integer()),
  pending: Type.Integer({ description: 'Committed entries not chained yet (not covered)' }),
  checkpoints: Type.Integer({ description: 'Signed checkpoints checked against the chain' }),
  keyId: Type.String({ description: "This server's audit signing key id" }),
  signedHead: Type.Optional(
    Closed({ seq: Type.Integer(), hash: Type.String(), at: Type.String(), keyId: Type.String(), valid: Type.Boolean(), matches: Type.Boolean() }),
  ),
  problems: Type.Optional(Type.Array(Closed({ kind: Type.String(), seq: Type.Optional(Type.Integer()) }))),
});

const EvidenceSchema = Closed({
  format: Type.Literal('baton-audit-evidence/v1'),
  instanceId: Type.String(),
  chainId: Type.Union([Type.String(), Type.Null()]),
  generatedAt: Type.String(),
  entries: Type.Array(
    Closed({
      seq: Type.Integer(),
      at: Type.String(),
      actor: Type.String(),
      action: Type.String(),
      subjectKind: Type.String(),
      subjectId: Type.String(),
      data: JsonObject,
      prevHash: Hex,
      hash: Hex,
      canonical: Type.String(),
      checkpoint: Type.Integer(),
      proof: Type.Array(Hex),
    }),
  ),
  checkpoints: Type.Array(
    Closed({
      fromSeq: Type.Integer(),
      toSeq: Type.Integer(),
      root: Hex,
      headHash: Hex,
      at: Type.String(),
      keyId: Type.String(),
      signature: Type.String(),
    }),
  ),
  publicKeys: Type.Record(Type.String(), Type.String()),
  signedHead: Type.Union([SignedHeadSchema, Type.Null()]),
  pending: Type.Integer(),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);

  app.get(
    '/audit/verify',
    {
      config: { roles: ['auditor'] },
      schema: {
        tags: ['audit'],
        summary: 'Chain what is committed, recompute the audit hash chain and its signed checkpoints, and compare it with the last signed head',
        response: withErrors({ 200: VerificationSchema }),
      },
    },
    async () => ({ ...(await app.baton.audit.verify()), keyId: app.baton.audit.signer.keyId }),
  );

  app.get(
    '/instances/:id/evidence',
    {
      schema: {
        tags: ['audit'],
        summary: "An instance's audit entries with their chain hashes, Merkle inclusion proofs, signed checkpoints and public keys, to verify offline",
        params: InstanceIdParams,
        response: withErrors({ 200: EvidenceSchema }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const db = app.baton.database.db;
      const { id } = request.params;
      const notFound = () => new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: id }, [], '/params/id');
      const row = await db.selectFrom('instances').select(['id', 'flow_key', 'flow_version', 'started_by', 'subject_id']).where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      // Auditors verify evidence for any instance; everyone else as they may see the instance.
      if (!hasAnyRole(principal, ['auditor'])) {
        const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
        if (!(await instanceViewOf(db, principal, row, flow?.compiled)).visible) throw notFound();
      }
      return instanceEvidence(db, app.baton.audit, id, app.baton.config.audit.headFile);
    },
  );
};
