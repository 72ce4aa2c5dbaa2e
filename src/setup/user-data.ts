import { homedir } from 'node:os';
import { join } from 'node:path';

/** The studio's per-user data folder (same place the desktop app and web mode use). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SHEQUN_HOME) return env.SHEQUN_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Shequn Studio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Shequn Studio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'shequn-studio');
}

/** Where the built-in demo workspace lives. */
export function demoWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'demo-workspace');
}
