// Types for tests that import server-bundle.mjs.
export function bundleRoot(env?: Record<string, string | undefined>): string;
export function inputsHash(inputs: string[]): string;
export function freshBundle(root?: string): string | undefined;
export function buildBundle(root?: string): Promise<string>;
export function ensureBundle(root?: string): Promise<string>;
export function markInUse(entry: string, pid?: number): string;
export function prune(root: string, current: string): void;
