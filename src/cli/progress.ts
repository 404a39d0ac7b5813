// Terminal output while a run goes on. On a TTY: phase lines stay, and the current step (each warmup, trial,
// fan-out point) is a single status line rewritten in place. Not a TTY (CI logs, pipes): only phase lines, so logs
// stay short. `--json` keeps stdout for the result; all of this goes to stderr.
const TRANSIENT = /: (warmup|trial \d+\/\d+|fan-out \d+)\b/;

export interface Progress {
  log: (line: string) => void;
  done: () => void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, tty = stream.isTTY === true): Progress {
  let status = '';
  const clear = (): void => {
    if (status) stream.write('\r\x1b[2K');
    status = '';
  };
  return {
    log: (line) => {
      const transient = TRANSIENT.test(line);
      if (!tty) {
        // Trials are summarized at the end; per-trial lines would flood CI logs.
        if (!transient) stream.write(`${line}\n`);
        return;
      }
      clear();
      if (transient) {
        const width = (stream.columns ?? 100) - 1;
        status = line.length > width ? `${line.slice(0, width - 1)}…` : line;
        stream.write(status);
      } else stream.write(`${line}\n`);
    },
    done: clear,
  };
}
