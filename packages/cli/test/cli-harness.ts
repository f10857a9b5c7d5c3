import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliIo } from '../src/index.js';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `baton …` in-process with captured output. */
export async function baton(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `baton-cli-${prefix}-`));
}

/** Writes files (JSON values are serialised) under dir. */
export async function writeFiles(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [file, value] of Object.entries(files)) {
    const full = path.join(dir, file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
}

export const requestForm = {
  kind: 'form',
  key: 'exit-request',
  version: 1,
  title: { en: 'Exit request', 'zh-CN': '离职申请' },
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'lastDay', type: 'date', label: 'Last day' },
  ],
};

export const exitReport = {
  kind: 'report',
  key: 'exits',
  title: 'Exits',
  dataset: { source: 'form', form: 'exit-request' },
  measures: [{ op: 'count', key: 'n', label: 'Exits' }],
};

/** A small but complete pack folder: two definition files, a directory seed and a demo records seed. */
export function packFiles(version = 1, formExtra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'pack.json': {
      kind: 'pack',
      key: 'exits',
      version,
      title: { en: 'Exits', 'zh-CN': '离职' },
      release: `0.${version}.0`,
      engine: '^0.1.0',
      definitions: [
        { kind: 'form', key: 'exit-request', file: 'forms/exit-request.json' },
        { kind: 'report', key: 'exits', file: 'reports/exits.json' },
      ],
      seed: [
        { target: 'directory', file: 'seed/people.json' },
        { target: 'records', form: 'exit-request', file: 'seed/demo-requests.json', demo: true },
      ],
    },
    'forms/exit-request.json': { ...requestForm, ...formExtra },
    'reports/exits.json': exitReport,
    'seed/people.json': { departments: [{ id: 'sales', name: 'Sales' }], users: [{ id: 'zhao', name: 'Zhao Lei', departmentId: 'sales' }] },
    'seed/demo-requests.json': [{ employeeId: 'zhao', lastDay: '2025-06-30' }],
  };
}
