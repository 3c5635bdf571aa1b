import { UsageError } from './errors.ts';
import { translateCommand } from './translate-command.ts';

/**
 * `npm run --silent cli -- COMMAND …`. Each command prints its result on stdout and exits 0, or
 * prints one line on stderr and exits 1 for a bad argument or file.
 */
const COMMANDS: Readonly<Record<string, (args: string[]) => Promise<string> | string>> = {
  translate: translateCommand,
};

const USAGE = `usage: cli COMMAND [options]
commands:
  translate MACHINE.json --sid BB:DD.F --iova 0x… [--write] [--json]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (run === undefined) {
    process.stderr.write(`${command === undefined ? 'no command given' : `unknown command "${command}"`}\n${USAGE}\n`);
    return 1;
  }
  try {
    process.stdout.write(`${await run(rest)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
