import { serverServices, startServer } from './app.js';
import { openWorkspace } from '../workspace/index.js';
import { keyLines, openOrCreateDemo } from '../setup/demo-workspace.js';
import { demoWorkspaceDir } from '../setup/user-data.js';

/** Starts the studio in web mode (no Electron) on 127.0.0.1 and prints where to open it. */
export async function startStudioWeb(opts: { workspace?: string; rendererDir: string; port?: number }): Promise<void> {
  const { ws, keys } = opts.workspace ? { ws: await openWorkspace(opts.workspace), keys: [] } : await openOrCreateDemo(demoWorkspaceDir());
  for (const n of ws.notices) console.log(`notice: ${n}`);
  const services = serverServices(ws);
  const port = opts.port ?? Number(process.env.SHEQUN_PORT ?? 5178);
  const server = await startServer({ ws, services, port, rendererDir: opts.rendererDir }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    return startServer({ ws, services, port: 0, rendererDir: opts.rendererDir });
  });
  const manager = ws.data().portal.managerToken;
  console.log(`\n社群内容工作室 Shequn Studio (workspace ${ws.dir})\n  在浏览器中打开 Open in a browser: ${server.openUrl}`);
  if (manager) console.log(`  品牌经理审核页 Review pages: ${server.url}/review?token=${manager}  (批准需用经理账号和密钥登录 approving needs a manager's sign-in: ${server.url}/review/login)`);
  for (const line of keyLines(keys)) console.log(line);
  console.log('  Ctrl+C 退出 to stop\n');
  const stop = async () => {
    await server.close();
    await services.close();
    await ws.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
