import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime } from '../app/schema-helpers.js';
import { PackImportResult } from './pack-schemas.js';

const Text = Type.Union([Type.String(), Type.Record(Type.String(), Type.String())], {
  description: 'One string, or text by locale ({ "en": …, "zh-CN": … }) as pack.json gives it.',
});

export const TemplateStatus = Type.Union(
  [Type.Literal('available'), Type.Literal('installed'), Type.Literal('upgrade-available'), Type.Literal('newer-installed')],
  {
    description:
      'available: not installed; installed: the shipped version is installed; upgrade-available: an older version is installed; ' +
      'newer-installed: a later version than the one shipped is installed (imported by a designer).',
  },
);

export const TemplateView = Closed({
  key: Type.String({ description: 'The pack key (pack.json "key").' }),
  title: Text,
  description: Type.Union([Text, Type.Null()]),
  release: Type.Union([Type.String(), Type.Null()], { description: 'pack.json "release" of the shipped version, e.g. "1.0.0".' }),
  version: Type.Integer({ description: 'The pack version Baton ships: what installing imports.' }),
  tags: Type.Array(Type.String()),
  definitions: Type.Integer({ description: 'Definitions the shipped version lists.' }),
  demoData: Type.Boolean({ description: 'Whether the template ships demo data (people, records, past instances) one may load with it.' }),
  installedVersion: Type.Union([Type.Integer(), Type.Null()], { description: 'The latest installed version of this pack, null when none.' }),
  installedAt: Type.Union([IsoDateTime, Type.Null()]),
  installedBy: Type.Union([Type.String(), Type.Null()], { description: 'The user id of who installed the latest installed version ("system" for the starter pack).' }),
  installedByName: Type.Union([Type.String(), Type.Null()], {
    description: 'Their name in the directory, so a client needs no lookup per card; null when nobody is installed or the id is not a directory person.',
  }),
  upgradeAvailable: Type.Boolean({ description: 'true when an older version is installed than the one shipped.' }),
  status: TemplateStatus,
});
export type TemplateViewValue = Static<typeof TemplateView>;

export const TemplateList = Closed({ items: Type.Array(TemplateView) });

export const TemplateInstallBody = Closed({
  withDemoData: Type.Optional(
    Type.Boolean({ default: false, description: 'Also load the seed entries marked "demo" (what POST /packs/import?demo=true loads).' }),
  ),
});

export const TemplateInstallResult = Closed({
  outcome: Type.Union([Type.Literal('installed'), Type.Literal('upgraded'), Type.Literal('unchanged')], {
    description: 'installed: first install (201); upgraded: an older version was installed (201); unchanged: this version was already installed, nothing was written (200).',
  }),
  template: TemplateView,
  import: PackImportResult,
});
export type TemplateInstallResultValue = Static<typeof TemplateInstallResult>;
