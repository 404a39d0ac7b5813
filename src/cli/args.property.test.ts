// Whatever a user types, the argv parser answers with a command or a one-line ConfigError that the CLI turns into
// exit 2: never a stack trace, never a zod dump, never a message broken over several lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError } from '../core/errors.ts';
import { COMMANDS, parseCommand } from './args.ts';

const RUNS = 2000;

const FLAGS = [
  'scenario',
  'strategy',
  'profile',
  'preset',
  'seed',
  'duration',
  'warmup',
  'trials',
  'connections',
  'write-ratio',
  'infra',
  'out',
  'report',
  'json',
  'mongo-binary',
  'postgres-url',
  'replica-url',
  'redis-url',
  'mongo-url',
  'help',
  'threshold',
  'format',
  'force',
  'base',
  'markdown',
  'baseline',
];

/** Values users actually type, values that are almost right, and junk. */
const value = fc.oneof(
  fc.constantFrom(
    'quick',
    'default',
    'full',
    'tiny',
    'small',
    'huge',
    '5s',
    '500ms',
    '1m',
    '0s',
    '3600.1',
    '10%',
    '0.1',
    '1',
    '0',
    '-1',
    '8,64',
    '8,,x',
  ),
  fc.constantFrom(
    'local',
    'docker',
    'auto',
    'external',
    'table',
    'md',
    'json',
    'github-action-benchmark',
    'post-detail',
    'pg-join,prisma-naive',
  ),
  fc.constantFrom(
    'postgres://u:p@127.0.0.1:5432/db',
    'postgres://u:p@[::1]:99999/db',
    'redis://:pw@h',
    'mongodb+srv://h:1/x',
    'mongodb://a,b:2/x',
    'http://x',
    '://',
    'postgres://',
  ),
  fc.constantFrom('', ' ', '\n', 'a\nb', '\r\n', '--', '-', '-h', '=', '\u0000', '\u2028', 'é', '𝔘', '\ud800'),
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 12 }),
);

/** `--flag`, `--flag=value`, `-x`, a known flag with a random suffix, `--`. */
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS).map((f) => `--${f}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FLAGS), value).map(([f, v]) => `--${f}=${v}`) },
  { weight: 4, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom('--', '-h', '-x', '---', '--=', '--no-json') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => `--${s}`) },
);

const command = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: value });
const argv = fc.tuple(command, fc.array(token, { maxLength: 10 })).map(([c, rest]) => [c, ...rest]);

/** The parser's contract on one argv: a command, or a ConfigError of one non-empty line. */
function check(args: string[]): void {
  try {
    parseCommand(args);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw new Error(`not a ConfigError for ${JSON.stringify(args)}: ${(e as Error)?.stack ?? String(e)}`);
    assert.ok(e.message.trim().length > 0, `empty message for ${JSON.stringify(args)}`);
    assert.doesNotMatch(e.message, /[\r\n]/, `one line for ${JSON.stringify(args)}`);
  }
}

describe(`parseCommand on random argv (fast-check, ${RUNS} cases per property)`, () => {
  it(`command + up to 10 tokens from known flags, plausible values and junk: ConfigError of one line or a command (${RUNS} cases)`, () => {
    let n = 0;
    fc.assert(
      fc.property(argv, (args) => {
        n++;
        check(args);
      }),
      { numRuns: RUNS, seed: 20250512 },
    );
    console.log(`args.property: ${n} argv arrays checked`);
    assert.equal(n, RUNS);
  });

  it(`fully random string arrays (${RUNS} cases)`, () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 16 }), { maxLength: 8 }), (args) => {
        n++;
        check(args);
      }),
      { numRuns: RUNS, seed: 7 },
    );
    console.log(`args.property: ${n} random string arrays checked`);
    assert.equal(n, RUNS);
  });

  it('the examples behind each fix stay fixed', () => {
    // Values echoed in messages are quoted on one line, whatever the user typed.
    for (const args of [
      ['run', '--profile', 'a\nb'],
      ['run', '--scenario', 'x', '--duration', '5\ns'],
      ['run', '--postgres-url', 'mysql://a\nb'],
      ['compare', 'a', 'b', '--format', 'x\ny'],
      ['ab', '--base'],
      ['frob\nnicate'],
    ])
      check(args);
  });
});
