import { startServer } from '../../server/app.js';
import { rendererDir } from '../../server/renderer-dir.js';
import { openWorkspace } from '../../workspace/index.js';
import type { CliCommand } from '../types.js';
import { parseFlags, required, UsageError } from '../util.js';

export const command: CliCommand = {
  name: 'serve',
  summary: 'Serve the studio (web mode), its API, the staff portal and review pages. Binds 127.0.0.1 unless --lan. --portal-only serves just the store pages (/p/<token>) and the activity collector (/a/<token>), e.g. on a public host behind HTTPS.',
  usage: 'shequn serve -w DIR [--host H] [--port P] [--lan] [--portal-only]',
  async run(argv) {
    const { values } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      host: { type: 'string' },
      port: { type: 'string' },
      lan: { type: 'boolean' },
      'portal-only': { type: 'boolean' },
    });
    const port = values.port ? Number(values.port) : 5178;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${values.port}"`);
    const portalOnly = !!values['portal-only'];
    // A portal-only server never changes studio.json (it reads tokens and packs, appends activity/).
    const ws = await openWorkspace(required(values.workspace, '-w DIR (the workspace folder)'), portalOnly ? { readOnly: true } : {});
    for (const n of ws.notices) process.stderr.write(`notice: ${n}\n`);
    const server = await startServer({ ws, host: values.host, port, lan: values.lan, portalOnly, rendererDir: rendererDir() });
    if (portalOnly) {
      process.stdout.write(`Shequn Studio portal only (no API, no UI) for ${ws.dir}\n  store pages: ${server.url}/p/<token>\n  activity collector: ${server.url}/a/<token> (set it with: shequn publish collector -w DIR https://<this host>)\n  activity is written to ${ws.dir}/activity/\n`);
    } else {
      const manager = ws.data().portal.managerToken;
      process.stdout.write(`Shequn Studio serving ${ws.dir}\n  open: ${server.openUrl}\n  api token: ${server.token}\n`);
      if (manager) process.stdout.write(`  review pages (brand managers): ${server.url}/review?token=${manager}\n  managers sign in to approve: ${server.url}/review/login (their id and personal key)\n`);
      const linked = ws.data().portal.tokens.filter((t) => !t.revoked).length;
      process.stdout.write(`  staff portal links (${linked} stores, every active store has one): shequn portal links -w ${ws.dir}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await ws.close();
    return 0;
  },
};
