import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, generateTypeFiles } from './type-generation.js';

/** Writes engine/src/definitions/generated/<kind>.ts from engine/schemas/<kind>.schema.json. */
const files = await generateTypeFiles();
mkdirSync(GENERATED_DIR, { recursive: true });
for (const stale of readdirSync(GENERATED_DIR)) if (!files.has(stale)) rmSync(join(GENERATED_DIR, stale));
for (const [name, content] of files) writeFileSync(join(GENERATED_DIR, name), content);
console.log(`wrote ${files.size} files to ${GENERATED_DIR}`);
