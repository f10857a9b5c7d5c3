import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

/** Shared by the `gen:types` script and the test that fails when a committed file is stale. */
export const ENGINE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMAS_DIR = join(ENGINE_DIR, 'schemas');
export const GENERATED_DIR = join(ENGINE_DIR, 'src', 'definitions', 'generated');

function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_whole, _sep: string, c: string) => c.toUpperCase());
}

/** The root type name: `ReportDefinition` for report.schema.json, `Common` for common.schema.json. */
export function rootTypeName(kind: string): string {
  return kind === 'common' ? 'CommonSchema' : `${pascal(kind)}Definition`;
}

function readSchemas(): Map<string, Record<string, unknown>> {
  const schemas = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(SCHEMAS_DIR).sort()) {
    if (!file.endsWith('.schema.json')) continue;
    schemas.set(file, JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>);
  }
  return schemas;
}

/**
 * Generates `<kind>.ts` for every engine/schemas/<kind>.schema.json, in memory: file name -> TypeScript.
 * `$ref`s to sibling schemas are served from memory, so nothing is fetched from the schemas' https `$id`s.
 */
export async function generateTypeFiles(): Promise<Map<string, string>> {
  const schemas = readSchemas();
  const siblingResolver = {
    order: 1,
    canRead: (file: { url: string }) => schemas.has(basename(file.url.split('#')[0] ?? '')),
    read: (file: { url: string }) => JSON.stringify(schemas.get(basename(file.url.split('#')[0] ?? ''))),
  };
  const out = new Map<string, string>();
  for (const [file, schema] of schemas) {
    const kind = file.replace(/\.schema\.json$/, '');
    // The root title or $id would name the type ("HttpsBatonDevSchemas…"); the kind gives a stable name instead.
    const { title: _title, $id: _id, ...root } = schema;
    const ts = await compile(root, rootTypeName(kind), {
      cwd: SCHEMAS_DIR,
      bannerComment: `/* Generated from engine/schemas/${file} by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */`,
      unreachableDefinitions: true,
      // Tuples such as [T, ...T[]] for minItems make everyday array code awkward; the schema still enforces it.
      ignoreMinAndMaxItems: true,
      unknownAny: true,
      strictIndexSignatures: true,
      format: true,
      style: { singleQuote: true, printWidth: 120 },
      $refOptions: { resolve: { http: false, baton: siblingResolver } as never },
    });
    out.set(`${kind}.ts`, ts);
  }
  return out;
}
