import type { DirectoryReader, DocumentDefinition, LocalizedText } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { loadPackParameterStates } from '../packs/pack-parameters.js';
import './document-errors.js';

/** The pack parameters an admin sets the employer's name with (PUT /api/packs/:key/parameters). */
export const ORG_NAME_PARAMETER = 'organizationName';
export const ORG_NAME_EN_PARAMETER = 'organizationNameEn';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function bilingual(zh: string | undefined, en: string | undefined): LocalizedText | undefined {
  if (!zh && !en) return undefined;
  return { 'zh-CN': (zh ?? en) as string, en: (en ?? zh) as string };
}

/**
 * A demo person's employer is the root of their department tree (the demo seed's "示例科技有限公司"), so
 * the embedded demo issues a sensible certificate out of the box. Only for people the demo seed marked
 * (attributes.demo, the marker the sign-in picker uses too): a real employee never gets a guessed name.
 */
function demoEmployer(directory: DirectoryReader, subjectId: string | null): LocalizedText | undefined {
  const subject = subjectId ? directory.user(subjectId) : undefined;
  if (subject?.attributes.demo !== true || !subject.departmentId) return undefined;
  let department = directory.department(subject.departmentId);
  for (let hops = 0; department?.parentId && hops < 64; hops++) department = directory.department(department.parentId) ?? department;
  return department ? bilingual(department.name, undefined) : undefined;
}

export interface OrganizationName {
  name: LocalizedText | undefined;
  /** The pack that declares the organizationName parameter (for the error's hint). */
  pack: string | undefined;
}

/**
 * The employer's legal name for one instance's documents: the pack parameters organizationName /
 * organizationNameEn when an admin set them, else BATON_ORG_NAME / BATON_ORG_NAME_EN, else (demo people
 * only) the demo company. Either language falls back to the other.
 */
export async function organizationNameFor(
  db: Kysely<Database>,
  config: RuntimeConfig,
  directory: DirectoryReader,
  instance: Pick<InstanceRow, 'subject_id'>,
): Promise<OrganizationName> {
  const states = await loadPackParameterStates(db);
  const value = (key: string) => text(states.find((s) => s.declaration.key === key)?.value);
  const pack = states.find((s) => s.declaration.key === ORG_NAME_PARAMETER)?.pack;
  const name = bilingual(value(ORG_NAME_PARAMETER), value(ORG_NAME_EN_PARAMETER)) ?? config.documents?.organizationName ?? demoEmployer(directory, instance.subject_id);
  return { name: name as LocalizedText | undefined, pack };
}

/** Whether any template of the definition prints the employer ({{$org.name}}, a seal, a value reading $org). */
export function printsOrganization(definition: DocumentDefinition): boolean {
  return JSON.stringify(definition).includes('$org');
}

/**
 * A document that names the employer is not rendered without one: a leaving certificate with a blank
 * employer is worthless in a labour dispute. 422 saying what to set.
 */
export function requireOrganizationName(definition: DocumentDefinition, org: OrganizationName): void {
  if (org.name !== undefined || !printsOrganization(definition)) return;
  throw new ApiError('BATON_E_DOCUMENT_ORG_NAME_MISSING', { documentKey: definition.key, pack: org.pack ?? ':key' }, [], `/parameters/${ORG_NAME_PARAMETER}`);
}
