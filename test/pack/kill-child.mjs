// The kill test's exporting process: the CLI's export, with the test-only pause of the workspace's
// services set (a finished temporary pack waits before its rename, so the kill lands mid-export).
// node test/pack/kill-child.mjs WORKSPACE OUT STORE
import { register } from 'tsx/esm/api';

register();
const { dispatch } = await import('../../src/api/dispatcher.ts');
const { createServices } = await import('../../src/api/services.ts');
const { openWorkspace } = await import('../../src/workspace/index.ts');
const [dir, out, store] = process.argv.slice(2);
const ws = await openWorkspace(dir, { readOnly: true });
const services = createServices(ws, { hooks: { packPauseMs: 120_000 } });
// The folder named on the command line, handed over as a shell does: a one-time grant.
const folder = services.grants.grant(out, 'export-folder');
await dispatch('export.run', { stores: [store], sizes: ['1x1'], video: false, folder }, { ws, services });
await services.close();
await ws.close();
