#!/usr/bin/env node
// The CLI is TypeScript run without a build step: register tsx's loader, then load the entry point.
import { register } from 'tsx/esm/api';

register();
const { runCli, nodeIo } = await import('../src/index.ts');
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
