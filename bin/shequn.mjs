#!/usr/bin/env node
// The `shequn` CLI: runs the TypeScript core directly through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

// The AWS SDK is pinned to a release that supports Node 20 (package.json): its notice about later releases is not for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
