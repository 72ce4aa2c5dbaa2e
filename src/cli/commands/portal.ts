import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { reachWarning } from '../../portal/links.js';
import { readServing } from '../../portal/serving.js';
import { processAlive, workspacePaths } from '../../workspace/index.js';
import type { CliCommand } from '../types.js';
import { call, parseFlags, printJson, required, UsageError, withWorkspace } from '../util.js';

const ACTIONS = ['links', 'rotate', 'revoke', 'sheet'] as const;

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--port must be a number from 1 to 65535, got "${value}"`);
  return n;
}

export const command: CliCommand = {
  name: 'portal',
  summary: "Store links: list each store's address (--json: [{store, storeName, url}]) — its published page when a publish target is set, else this studio's portal (--host/--port) — rotate or revoke a store's token, write the QR sheet. Warns when the links only open on this computer or the LAN.",
  usage: 'shequn portal links|rotate|revoke|sheet -w DIR [--store S] [--host H] [--port P] [--json] [--out FILE]',
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      workspace: { type: 'string', short: 'w' },
      store: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    const action = positionals[0] as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) throw new UsageError(`portal what? one of ${ACTIONS.join(', ')}`);
    const warn = (urls: string[]) => {
      const w = reachWarning(urls);
      if (w) process.stderr.write(`warning: ${w}\n`);
    };
    const readOnly = (action === 'links' || action === 'sheet') && (await lockedElsewhere(values.workspace));
    // While a server holds the workspace its links name the address it really serves (and it
    // issued every store's token at start and on each import, so the listing is complete).
    const served = readOnly && values.workspace ? await readServing(values.workspace) : undefined;
    const host = values.host ?? served?.host;
    // A host or port given asks for this studio's portal; otherwise the published pages when a target is set.
    const via = values.host || values.port ? { via: 'portal' as const } : {};
    const where = { ...(host ? { host } : {}), ...(values.port ? { port: port(values.port) } : served ? { port: served.port } : {}), ...via };
    if (readOnly) process.stderr.write(`notice: the workspace is open in the studio or a server${served ? ` serving the portal at ${served.host}:${served.port}` : ''}: listing the links it has\n`);
    return withWorkspace(values.workspace, async (studio) => {
        const { ws } = studio;
      switch (action) {
        case 'links': {
          const links = await call(studio, 'portal.links', where);
          warn(links.map((l) => l.url));
          if (values.json) printJson(links.map((l) => ({ store: l.store, storeName: l.storeName, url: l.url })));
          else process.stdout.write(links.map((l) => `${l.store}\t${l.storeName}\t${l.url}`).join('\n') + (links.length ? '\n' : ''));
          return 0;
        }
        case 'rotate': {
          const link = await call(studio, 'portal.rotate', { store: required(values.store, '--store S'), ...where });
          warn([link.url]);
          if (link.url.includes('/index.html')) process.stderr.write('notice: the old link stops working now; publish again (shequn publish) to move the page to the new link\n');
          if (values.json) printJson(link);
          else process.stdout.write(`${link.store}\t${link.storeName}\t${link.url}\n`);
          return 0;
        }
        case 'revoke': {
          const r = await call(studio, 'portal.revoke', { store: required(values.store, '--store S') });
          if (values.json) printJson(r);
          else process.stdout.write(`revoked ${r.revoked} link(s) of store ${r.store}; "shequn portal rotate" issues a new one\n`);
          return 0;
        }
        case 'sheet': {
          const out = required(values.out, '--out FILE (the HTML sheet to write)');
          const sheet = await call(studio, 'portal.sheet', where);
          warn((await call(studio, 'portal.links', where)).map((l) => l.url));
          await writeFile(out, sheet.html);
          process.stderr.write(`wrote the QR sheet of ${sheet.stores} store(s) to ${out}\n`);
          return 0;
        }
      }
    }, { readOnly });
  },
};

/** True when another live process holds the workspace's write lock (links can still be read). */
export async function lockedElsewhere(dir: string | undefined): Promise<boolean> {
  if (!dir) return false;
  try {
    const lock = JSON.parse(await readFile(workspacePaths(dir).lock, 'utf8')) as { pid?: number; hostname?: string };
    return typeof lock.pid === 'number' && lock.pid !== process.pid && lock.hostname === hostname() && processAlive(lock.pid);
  } catch {
    return false;
  }
}
