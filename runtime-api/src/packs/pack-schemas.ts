import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime, JsonObject } from '../app/schema-helpers.js';
import { Count } from '../directory/directory-schemas.js';
import { PackSeedDirectory } from './seed-dates.js';

/**
 * The seed data of a bundle: directory entries (the body of POST /api/directory/import, where a date may
 * also be `{"$daysAgo": N}`, see seed-dates.ts) and records of
 * collection forms, by form key. Manifest seed entries with a `file` refer to this; entries with inline
 * `data` are merged into it by the server.
 */
export const PackSeed = Closed({
  directory: Type.Optional(PackSeedDirectory),
  records: Type.Optional(Type.Record(Type.String(), Type.Array(JsonObject, { maxItems: 50_000 }))),
});
export type PackSeedValue = Static<typeof PackSeed>;

// The manifest and the definitions are checked by the engine (pack.schema.json and each kind's schema),
// which reports every problem with its path; the route only insists on their outline.
export const PackBundle = Closed(
  {
    manifest: Type.Object({}, { additionalProperties: true, description: 'The pack manifest (pack.json, kind "pack"); definitions may be listed by kind, key and file.' }),
    definitions: Type.Optional(Type.Array(JsonObject, { maxItems: 2_000, description: 'Definitions the manifest lists with a "file", matched by kind and key.' })),
    seed: Type.Optional(PackSeed),
  },
  { description: 'A pack bundle: the manifest, the definitions its entries refer to, and seed data.' },
);
export type PackBundleValue = Static<typeof PackBundle>;

export const DefinitionRef = Closed({ kind: Type.String(), key: Type.String(), version: Type.Integer() });
export type DefinitionRefValue = Static<typeof DefinitionRef>;

export const KeptDefinition = Closed(
  {
    kind: Type.String(),
    key: Type.String(),
    reason: Type.Union([Type.Literal('changed-after-import'), Type.Literal('draft-pending'), Type.Literal('in-other-pack')], {
      description:
        'changed-after-import: someone published a later version than the pack left; draft-pending: a draft is in progress; ' +
        'in-other-pack: another installed pack also brings it.',
    }),
    version: Type.Optional(Type.Integer({ description: 'The later version someone made.' })),
    by: Type.Optional(Type.String({ description: 'Who published that version.' })),
    pack: Type.Optional(Type.String({ description: 'The other pack that brings it.' })),
  },
  { description: 'A definition the installed pack version brought and this version drops, left as it is.' },
);
export type KeptDefinitionValue = Static<typeof KeptDefinition>;

export const PackView = Closed({
  key: Type.String(),
  version: Type.Integer(),
  release: Type.Union([Type.String(), Type.Null()]),
  title: Type.Unknown(),
  hash: Type.String(),
  importedBy: Type.String(),
  importedAt: IsoDateTime,
  definitions: Type.Array(DefinitionRef),
});
export type PackViewValue = Static<typeof PackView>;

export const PackImportResult = Closed({
  pack: PackView,
  imported: Type.Array(DefinitionRef, { description: 'Definitions published by this import (new keys, or changed ones as their next version).' }),
  unchanged: Type.Array(DefinitionRef, { description: 'Definitions identical to the version already published.' }),
  retired: Type.Array(DefinitionRef, {
    description:
      'Definitions the installed version of this pack brought and this version drops: every published version archived ' +
      '(still readable by version; running instances keep theirs), a rule no longer fires and its scheduled timers are cancelled.',
  }),
  kept: Type.Array(KeptDefinition, { description: 'Dropped definitions not retired, with the reason.' }),
  cancelledTimers: Type.Optional(Type.Integer({ description: 'Scheduled timers of retired rules, cancelled.' })),
  seed: Closed({
    directory: Type.Union([Closed({ departments: Count, users: Count }), Type.Null()]),
    records: Closed({
      written: Type.Boolean({ description: 'true when seed records of collection forms were written; rows of other forms stay in the pack and its export only.' }),
      counts: Type.Record(Type.String(), Type.Integer(), { description: 'Seed rows per form in the bundle.' }),
      inserted: Type.Optional(Type.Record(Type.String(), Type.Integer(), { description: 'Records created per collection form; a record whose id exists is kept as it is.' })),
    }),
    instances: Type.Optional(
      Closed(
        {
          replayed: Type.Record(Type.String(), Type.Integer(), { description: 'Past instances written per flow (marked demo).' }),
          existing: Type.Integer({ description: 'Past instances an earlier import already wrote: left as they are.' }),
        },
        { description: 'Demo seed only: past instances replayed through the engine (no deliveries, timers or documents).' },
      ),
    ),
  }),
});
export type PackImportResultValue = Static<typeof PackImportResult>;
