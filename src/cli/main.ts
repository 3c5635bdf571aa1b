import { UsageError } from './errors.ts';
import { groupsCommand } from './groups-command.ts';
import { dmarCommand } from './dmar-command.ts';
import { scenarioCommand } from './scenario-command.ts';
import { translateCommand } from './translate-command.ts';

/**
 * `npm run --silent cli -- COMMAND …`. Each command prints its result on stdout and exits 0, or
 * prints one line on stderr and exits 1 for a bad argument or file.
 */
const COMMANDS: Readonly<Record<string, (args: string[]) => Promise<string> | string>> = {
  translate: translateCommand,
  dmar: dmarCommand,
  groups: groupsCommand,
  scenario: scenarioCommand,
};

const USAGE = `usage: cli COMMAND [options]
commands:
  translate MACHINE.json --sid BB:DD.F --iova 0x… [--write] [--json]
  groups LSPCI.txt [--json]          IOMMU groups from the text of lspci -vvv
  dmar FILE [--json] [--lint] [--explain] [--e820 DMESG.txt]   a DMAR .bin, acpidump text or iasl -d .dsl
  scenario disabled|pt|dma|vfio [--device BB:DD.F] [--no-hw-pt] [--kernel X.Y] [--ram SIZE] [--map 0xPHYS:SIZE]... [--guest-ram SIZE] [--hugepages 4KiB|2MiB|1GiB] [--json]
                                     the machine Linux/QEMU build for a mode; --kernel defaults to 6.6 (si_domain era), 6.11+ has no si_domain`;

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
