import type { CliCommand } from '../types.js';

type Loader = () => Promise<{ command: CliCommand }>;

/**
 * Every `shequn` command by name, in the order `--help` lists them. A command's module (and the
 * stages it pulls in: sharp, satori, ffmpeg...) loads only when that command runs, so the CLI
 * starts fast. Add one line per command.
 */
export const commandLoaders: Record<string, Loader> = {
  init: () => import('./init.js'),
  list: () => import('./list.js'),
  import: () => import('./import.js'),
  compose: () => import('./compose.js'),
  check: () => import('./check.js'),
  plan: () => import('./plan.js'),
  results: () => import('./results.js'),
  render: () => import('./render.js'),
  export: () => import('./export.js'),
  review: () => import('./review.js'),
  template: () => import('./template.js'),
  post: () => import('./post.js'),
  user: () => import('./user.js'),
  portal: () => import('./portal.js'),
  bundle: () => import('./bundle.js'),
  serve: () => import('./serve.js'),
  publish: () => import('./publish.js'),
  activity: () => import('./activity.js'),
  worker: () => import('./worker.js'),
};

/** Loads one command, or undefined for an unknown name. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  if (!Object.prototype.hasOwnProperty.call(commandLoaders, name)) return undefined;
  return (await commandLoaders[name]!()).command;
}

/** Loads every command (for --help). */
export async function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(Object.values(commandLoaders).map(async (load) => (await load()).command));
}
