/** One `shequn` sub-command. `run` returns the exit code: 0 ok, 1 check findings, 2 bad usage or input. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}
