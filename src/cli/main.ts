import { loadAllCommands, loadCommand } from './commands/index.js';
import { reportError } from './util.js';

async function help(): Promise<string> {
  const lines = ['Shequn Studio — shequn <command> [options]', '', 'Commands:'];
  for (const c of await loadAllCommands()) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Exit codes: 0 ok, 1 check findings, 2 bad usage or input.');
  return lines.join('\n') + '\n';
}

/** Runs the CLI with argv (without node and script) and resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(await help());
      return name ? 0 : 2;
    }
    const command = await loadCommand(name);
    if (!command) {
      process.stderr.write(`shequn: unknown command "${name}" (run "shequn --help")\n`);
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`usage: ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    return reportError(err);
  }
}
