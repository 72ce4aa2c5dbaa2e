#!/usr/bin/env node
// The `shequn` CLI: runs the TypeScript core directly through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

// The AWS SDK is pinned to a release that supports Node 20 (package.json): its notice about later releases is not for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
// Ctrl-C, kill and a closed terminal end the CLI through process.exit, so encoders still running
// have their process groups killed on the way out (src/video/encoder-process.ts); a command that
// handles the signal itself (export cancels and keeps the old packs) is left to do so.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(code);
  });
}
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
