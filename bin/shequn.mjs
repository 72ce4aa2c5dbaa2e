#!/usr/bin/env node
// The `shequn` CLI: runs the TypeScript core directly through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
