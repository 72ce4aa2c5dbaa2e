// The kill test's publishing process: publish.run as the CLI calls it, with the test-only pause of
// the workspace's services set (after a store's files, before its page), so the kill lands mid-publish.
// node test/publish/kill-child.mjs WORKSPACE TARGET_JSON STORE...
import { register } from 'tsx/esm/api';

register();
const { dispatch } = await import('../../src/api/dispatcher.ts');
const { createServices } = await import('../../src/api/services.ts');
const { openWorkspace } = await import('../../src/workspace/index.ts');
const [dir, target, ...stores] = process.argv.slice(2);
const ws = await openWorkspace(dir, { readOnly: true });
const services = createServices(ws, { clock: () => new Date('2026-12-06T08:00:00Z'), hooks: { publishPauseMs: 120_000 } });
await dispatch('publish.run', { target: JSON.parse(target), stores }, { ws, services });
await services.close();
await ws.close();
