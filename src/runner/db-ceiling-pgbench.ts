// The database ceiling driven by pgbench: a custom script that replays a fixed list of parameter tuples (the HTTP
// load's own Zipf draws), parsed output, one clear line when pgbench fails.
//
// Why the script looks the way it does: pgbench can draw random numbers, but it cannot replay a list, and its
// random_zipfian (s > 1 only) over ranks is not the load's shuffled Zipf over ids. Its variables, however, persist in a
// client from one transaction to the next, and its expressions have CASE. So each client keeps a counter `n` (-D n=-1,
// then +1 per transaction), walks the list from its own offset (client c starts at c × ⌊N / clients⌋, as the driver
// loop does), and maps the position to the tuple with a balanced tree of CASE expressions: O(log N) integer
// comparisons in pgbench's C code per transaction (about 2 µs of client CPU for 10,000 tuples: 450,000 lookups/s on one
// core, measured without SQL), and nothing added to the statement the server runs. A transaction is
// exactly one statement, so tps is statements per second and -T's unfinished last transactions cost nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { whenInterrupted } from '../core/lifecycle.ts';
import { spawnManaged } from '../infra/process.ts';

/** Tuples per CASE leaf: a short linear scan ends the tree's descent. */
const LEAF = 16;

/** CASE tree mapping :j (0 ≤ j < values.length) to values[j]. */
function caseTree(values: readonly number[], lo: number, hi: number): string {
  if (hi - lo === 1) return String(values[lo]);
  if (hi - lo <= LEAF) {
    const whens: string[] = [];
    for (let i = lo; i < hi - 1; i++) whens.push(`WHEN :j = ${i} THEN ${values[i]}`);
    return `CASE ${whens.join(' ')} ELSE ${values[hi - 1]} END`;
  }
  const mid = (lo + hi) >>> 1;
  return `CASE WHEN :j < ${mid} THEN (${caseTree(values, lo, mid)}) ELSE (${caseTree(values, mid, hi)}) END`;
}

/**
 * The SQL as pgbench must read it: $n becomes :aN, and string literals holding a colon are rewritten as equal E''
 * literals with \x3a, because pgbench takes any `:name` in a command as a variable, inside quotes too (to_char's
 * 'HH24:MI:SS' would become 'HH24$2$3'). The server parses the same constants, so the plan and the payload are unchanged.
 */
export function pgbenchSql(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length;) {
    const c = sql[i] as string;
    if (c === "'") {
      if (/[eEuUbBxXnN]$/.test(out) && !/[\w$]/.test(out.at(-2) ?? ' ')) throw new Error('only plain string literals are supported');
      let end = i + 1;
      for (; end < sql.length; end++) if (sql[end] === "'" && sql[++end] !== "'") break;
      const body = sql.slice(i + 1, end - 1);
      out += body.includes(':') ? `E'${body.replace(/\\/g, '\\\\').replace(/:/g, '\\x3a')}'` : sql.slice(i, end);
      i = end;
    } else if (c === '$') {
      const m = /^\$(\d+)/.exec(sql.slice(i));
      if (!m) throw new Error('dollar quoting is not supported');
      out += `:a${m[1]}`;
      i += m[0].length;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++; // a comment could hold a colon or a semicolon
    } else if (c === ':' && sql[i + 1] !== ':' && sql[i - 1] !== ':') {
      throw new Error('a lone colon outside a literal would be read as a pgbench variable');
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1) + 1; // a quoted identifier, e.g. COLLATE "C"
      if (end === 0 || sql.slice(i, end).includes(':')) throw new Error('a quoted identifier must be closed and hold no colon');
      out += sql.slice(i, end);
      i = end;
    } else if (c === ';' || c === '\\') {
      throw new Error(`${c} is not supported in a reference statement`);
    } else {
      out += c;
      i++;
    }
  }
  return `${out.trim()};\n`;
}

/** The whole script for a list of argument tuples (each the same length). */
export function pgbenchScript(sql: string, tuples: readonly number[][], clients: number): string {
  const arity = tuples[0]?.length ?? 0;
  if (tuples.length === 0 || tuples.some((t) => t.length !== arity || t.some((v) => !Number.isSafeInteger(v)))) {
    throw new Error('the replayed parameters must be non-empty tuples of integers of one length');
  }
  const lines = [`\\set n :n + 1`, `\\set j (:client_id * ${strideOf(tuples.length, clients)} + :n) % ${tuples.length}`];
  for (let a = 0; a < arity; a++) {
    lines.push(
      `\\set a${a + 1} ${caseTree(
        tuples.map((t) => t[a] as number),
        0,
        tuples.length,
      )}`,
    );
  }
  return `${lines.join('\n')}\n${pgbenchSql(sql)}`;
}

/** Where connection c starts in the list: the clients spread over it, as the driver loop's connections do. */
export function strideOf(n: number, clients: number): number {
  return Math.max(1, Math.floor(n / clients));
}

/** "pgbench 15.18", or null when the binary cannot run. */
export function pgbenchVersion(bin: string): string | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = r.status === 0 ? /(\d+(?:\.\d+)+)/.exec(r.stdout) : null;
  return m ? `pgbench ${m[1]}` : null;
}

export interface PgbenchOutcome {
  tps: number;
  statements: number;
  meanUs: number;
}

/** tps without initial connection time, transactions processed, mean latency; throws on a failed or partial run. */
export function parsePgbench(output: string): PgbenchOutcome {
  const tps = /^tps = ([\d.]+) \(without initial connection time\)/m.exec(output);
  const done = /^number of transactions actually processed: (\d+)/m.exec(output);
  const lat = /^latency average = ([\d.]+) ms/m.exec(output);
  const failed = /^number of failed transactions: (\d+)/m.exec(output);
  const problem = output.split('\n').find((l) => /\b(error|aborted|FATAL|ERROR)\b/.test(l));
  if (problem || !tps || !done || !lat || (failed && Number(failed[1]) > 0)) {
    throw new Error(problem?.replace(/^pgbench: /, '').trim() ?? `no tps in pgbench's output: ${output.trim().split('\n').at(-1)}`);
  }
  return { tps: Number(tps[1]), statements: Number(done[1]), meanUs: Number(lat[1]) * 1000 };
}

export interface PgbenchRun {
  bin: string;
  url: string;
  sql: string;
  tuples: readonly number[][];
  connections: number;
  jobs: number;
  durationSec: number;
  /** A temp dir owned by the caller: the script and pgbench's output go there. */
  dir: string;
}

/** Runs pgbench once, -M prepared; Ctrl-C stops it (the managed process is a registered cleanup, stopped here too). */
export async function runPgbench(r: PgbenchRun): Promise<PgbenchOutcome> {
  const script = join(r.dir, 'reference.sql');
  writeFileSync(script, pgbenchScript(r.sql, r.tuples, r.connections));
  // The password goes in the environment, not the command line that `ps` shows to every user.
  const u = new URL(r.url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const args = ['-n', '-M', 'prepared', '-f', script, '-D', 'n=-1', '-c', String(r.connections), '-j', String(r.jobs)];
  args.push('-T', String(r.durationSec), u.toString());
  const proc = spawnManaged('pgbench', r.bin, args, {
    env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
    stopSignal: 'SIGINT',
    stopTimeoutMs: 3000,
  });
  // The whole output, read until the pipes close: 'exit' can come before the last chunk of the summary.
  let output = '';
  const keep = (c: Buffer): void => void (output = (output + c.toString('utf8')).slice(-65_536));
  proc.child.stdout?.on('data', keep);
  proc.child.stderr?.on('data', keep);
  const closed = new Promise<number | string>((resolve) => {
    proc.child.once('close', (code, signal) => resolve(code ?? signal ?? 'no status'));
    proc.child.once('error', (e) => resolve(e.message));
  });
  try {
    const status = await Promise.race([closed, whenInterrupted()]);
    if (status !== 0) throw new Error(parseFailure(output) ?? `pgbench exited with ${status}`);
    return parsePgbench(output);
  } finally {
    await proc.stop();
  }
}

function parseFailure(output: string): string | null {
  const line = output.split('\n').find((l) => /error|aborted|FATAL/i.test(l));
  return line ? line.replace(/^pgbench: (error: )?/, '').trim() : null;
}
