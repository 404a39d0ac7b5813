// The CLI: parse argv (pure), call the programmatic API, and decide the exit code in exactly one place. src/cli.ts runs
// it with the process's arguments.
import { AccessbenchError, ConfigError, EXIT, InterruptedError, RegressionError } from '../core/errors.ts';
import { installSignalHandlers, interrupted, runCleanups } from '../core/lifecycle.ts';
import { HELP, parseCommand, type Command } from './args.ts';
import { createProgress } from './progress.ts';
import type { RunHooks } from './run.ts';

async function execute(cmd: Command, log: (line: string) => void, hooks: RunHooks): Promise<void> {
  switch (cmd.name) {
    case 'help':
      process.stdout.write(HELP + '\n');
      return;
    case 'list': {
      const { listCommand } = await import('./list.ts');
      process.stdout.write((await listCommand(cmd.json)) + '\n');
      return;
    }
    case 'report': {
      const { reportCommand } = await import('./report.ts');
      log(`report: ${await reportCommand(cmd.files, cmd.out)}`);
      return;
    }
    case 'run': {
      const { runCommand } = await import('./run.ts');
      await runCommand(cmd.flags, log, hooks);
      return;
    }
    case 'clean': {
      const { cleanCommand } = await import('./clean.ts');
      process.stdout.write((await cleanCommand(cmd.all)) + '\n');
      return;
    }
    case 'doctor': {
      const { doctorCommand } = await import('./doctor.ts');
      process.stdout.write((await doctorCommand(cmd.json, cmd.urls)) + '\n');
      return;
    }
    case 'compare': {
      const { compareCommand } = await import('./compare.ts');
      await compareCommand(cmd, log);
      return;
    }
    case 'ab': {
      const { abCommand } = await import('./ab.ts');
      await abCommand(cmd, log);
      return;
    }
    case 'calibrate': {
      const { calibrateCommand } = await import('./calibrate.ts');
      await calibrateCommand(cmd, log);
      return;
    }
    case 'ci': {
      const { ciCommand } = await import('./ci.ts');
      await ciCommand(cmd, log);
      return;
    }
  }
}

function exitCodeFor(e: unknown): number {
  if (e instanceof InterruptedError || interrupted()) return EXIT.interrupted;
  if (e instanceof ConfigError) return EXIT.badInput;
  if (e instanceof RegressionError) return EXIT.regression;
  return EXIT.failure;
}

/**
 * A closed stdout or stderr (its reader gone: `| head`, a parent killed or timed out) must not end the run before its
 * cleanups, or the databases it started outlive it: what can no longer be written is dropped.
 */
function dropWritesToClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

async function main(argv: string[], hooks: RunHooks): Promise<number> {
  dropWritesToClosedOutput();
  const progress = createProgress();
  const log = progress.log;
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    process.stderr.write(`accessbench: ${(e as Error).message}\n`);
    return exitCodeFor(e);
  }
  installSignalHandlers();
  try {
    await execute(cmd, log, hooks);
    return interrupted() ? EXIT.interrupted : EXIT.ok;
  } catch (e) {
    const msg = e instanceof AccessbenchError ? e.message : ((e as Error).stack ?? String(e));
    process.stderr.write(
      `accessbench: ${
        e instanceof InterruptedError
          ? msg
          : msg
              .split('\n')
              .slice(0, e instanceof AccessbenchError ? 1 : 8)
              .join('\n')
      }\n`,
    );
    return exitCodeFor(e);
  } finally {
    progress.done();
    const failures = await runCleanups();
    for (const f of failures) process.stderr.write(`accessbench: cleanup: ${f}\n`);
  }
}

/** Runs the CLI with these arguments and sets the process's exit code; `hooks` reach `run` (tests pass them). */
export async function runCli(argv: string[], hooks: RunHooks = {}): Promise<void> {
  process.exitCode = await main(argv, hooks);
  // After Ctrl-C everything registered has been stopped, but work abandoned mid-step (a replica still being waited for,
  // a seed's retrying client) can hold the event loop for its own timeouts. Nothing of it is needed any more; a cleanup
  // it registers late runs at once (see onCleanup) and gets a moment to finish.
  if (process.exitCode === EXIT.interrupted) setTimeout(() => process.exit(EXIT.interrupted), 2000).unref();
}
