import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowDefinition, FormDefinition, PackDefinition, Scenario } from '@baton/engine';

/** The pack folder (this test folder's parent). */
export const PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Json = Record<string, unknown>;

export function readPackJson<T = Json>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(PACK_DIR, file), 'utf8')) as T;
}

export const manifest = readPackJson<PackDefinition>('pack.json');

/** Every definition the manifest lists, as the server would store it (version 1). */
export const definitions: Json[] = manifest.definitions.map((entry) => ({ ...readPackJson(entry.file ?? ''), version: 1 }));

export function definition<T = Json>(kind: string, key: string): T {
  const found = definitions.find((d) => d.kind === kind && d.key === key);
  if (!found) throw new Error(`the pack has no ${kind} "${key}"`);
  return found as T;
}

export const forms = definitions.filter((d) => d.kind === 'form') as unknown as FormDefinition[];
export const flow = definition<FlowDefinition>('flow', 'offboarding');
export const scenarios = (manifest.scenarios ?? []).map((s) => ({ key: s.key, scenario: readPackJson<Scenario>(s.file ?? '') }));

/** The demo seed files (directory and collection records), as the manifest lists them. */
export function seedFile<T = unknown>(target: 'directory' | 'records', form?: string): T {
  const entry = (manifest.seed ?? []).find((s) => s.target === target && (form === undefined || s.form === form));
  if (!entry?.file) throw new Error(`no ${target} seed${form ? ` for ${form}` : ''}`);
  return readPackJson<T>(entry.file);
}
