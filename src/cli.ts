// The CLI entry: parse argv (pure), call the programmatic API, and decide the exit code in exactly one place.
import { AccessbenchError, ConfigError, EXIT, InterruptedError, RegressionError } from './core/errors.ts';
import { installSignalHandlers, interrupted, runCleanups } from './core/lifecycle.ts';
import { HELP, parseCommand, type Command } from './cli/args.ts';

async function execute(cmd: Command, log: (line: string) => void): Promise<void> {
  switch (cmd.name) {
    case 'help':
      process.stdout.write(HELP + '\n');
      return;
    case 'list': {
      const { listCommand } = await import('./cli/list.ts');
      process.stdout.write((await listCommand(cmd.json)) + '\n');
      return;
    }
    case 'report': {
      const { reportCommand } = await import('./cli/report.ts');
      log(`report: ${await reportCommand(cmd.files, cmd.out)}`);
      return;
    }
    case 'run': {
      const { runCommand } = await import('./cli/run.ts');
      await runCommand(cmd.flags, log);
      return;
    }
  }
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof InterruptedError || interrupted()) return EXIT.interrupted;
  if (e instanceof ConfigError) return EXIT.badInput;
  if (e instanceof RegressionError) return EXIT.regression;
  return EXIT.failure;
}

async function main(): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  let cmd: Command;
  try {
    cmd = parseCommand(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`accessbench: ${(e as Error).message}\n`);
    return exitCodeFor(e);
  }
  installSignalHandlers();
  try {
    await execute(cmd, log);
    return interrupted() ? EXIT.interrupted : EXIT.ok;
  } catch (e) {
    const msg = e instanceof AccessbenchError ? e.message : ((e as Error).stack ?? String(e));
    process.stderr.write(`accessbench: ${e instanceof InterruptedError ? msg : msg.split('\n').slice(0, e instanceof AccessbenchError ? 1 : 8).join('\n')}\n`);
    return exitCodeFor(e);
  } finally {
    const failures = await runCleanups();
    for (const f of failures) process.stderr.write(`accessbench: cleanup: ${f}\n`);
  }
}

process.exitCode = await main();
