// A result file can be anything by the time `report` or `compare` reads it: truncated by a full disk, edited by hand,
// written by another version, not JSON at all. Whatever it holds, parseResult returns a Result or throws a
// ConfigError whose message names the file on one line (the CLI prints one line and exits 2) — never a TypeError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError } from '../core/errors.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { parseResult } from './read.ts';
import { Result } from './schema.ts';

const RUNS = 2000;
const FILE = 'results/run.json';

/** The contract on one file's text. Returns whether it parsed. */
function check(text: string): boolean {
  try {
    const r = parseResult(text, FILE);
    Result.parse(r); // what it returns is a valid Result, not merely something that passed a version check
    return true;
  } catch (e) {
    const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    if (!(e instanceof ConfigError)) throw new Error(`not a ConfigError for ${JSON.stringify(shown)}: ${(e as Error)?.stack ?? String(e)}`);
    assert.ok(e.message.startsWith(`${FILE}: `), `names the file: ${e.message}`);
    assert.doesNotMatch(e.message, /[\r\n]/, `one line: ${JSON.stringify(e.message)}`);
    return false;
  }
}

/** Keys that trip code treating parsed JSON as a plain record (String(), `in`, prototype lookups). */
const trickyKey = fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'then', 'schemaVersion', 'a\nb', '');
const trickyObject = fc.dictionary(trickyKey, fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 });
const special = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', 'x'.repeat(70_000), '\u0000', [], {}, [
    [[[[]]]],
  ]),
  { weight: 2, arbitrary: trickyObject },
  fc.jsonValue({ maxDepth: 3 }),
);
/** Nested objects whose keys are often the tricky ones, e.g. {"schemaVersion": {"toString": 1}}. */
const trickyTree = fc.object({
  key: fc.oneof(trickyKey, fc.string({ maxLength: 6 })),
  maxDepth: 3,
  values: [fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null), fc.boolean()],
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every (container, key) in the tree, so a mutation can target any field at any depth. */
function slots(root: Json): Array<[Json[] | Record<string, Json>, string | number]> {
  const out: Array<[Json[] | Record<string, Json>, string | number]> = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k] as Json);
      }
    }
  };
  walk(root);
  return out;
}

const mutation = fc.record({
  // Top-level fields (schemaVersion, partial, scenarios…) are few among hundreds of slots: target them a third of the time.
  top: fc.nat({ max: 2 }).map((n) => n === 0),
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'wrap', 'stringify', 'addKey'),
  value: special,
  key: trickyKey,
});

function mutate(valid: string, ms: Array<{ top: boolean; at: number; kind: string; value: unknown; key: string }>): Json {
  const doc = JSON.parse(valid) as Json;
  for (const m of ms) {
    const all = slots(doc).filter(([parent]) => !m.top || parent === doc);
    const slot = all[m.at % all.length];
    if (!slot) continue;
    const [parent, key] = slot;
    const p = parent as Record<string | number, Json>;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
    } else if (m.kind === 'replace') p[key] = m.value as Json;
    else if (m.kind === 'wrap') p[key] = [p[key] as Json];
    else if (m.kind === 'stringify') p[key] = JSON.stringify(p[key]) ?? '';
    else {
      const target = p[key];
      // JSON.parse makes "__proto__" an own key; a plain assignment would change the prototype instead.
      if (target && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return doc;
}

describe(`parseResult on random and damaged files (fast-check, ${RUNS} cases per property)`, () => {
  const valid = JSON.stringify(buildFixtureResult());

  it('the undamaged fixture parses (the properties below start from a valid file)', () => {
    assert.equal(check(valid), true);
  });

  it(`random JSON values and objects with tricky keys, some claiming schemaVersion 1 (${RUNS} cases)`, () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), trickyTree), fc.boolean(), (v, claim) => {
        n++;
        const doc = claim && v && typeof v === 'object' && !Array.isArray(v) ? { ...v, schemaVersion: 1 } : v;
        check(JSON.stringify(doc) ?? 'undefined');
      }),
      { numRuns: RUNS, seed: 1 },
    );
    console.log(`read.property: ${n} random JSON values checked`);
    assert.equal(n, RUNS);
  });

  it(`random text that is mostly not JSON (${RUNS} cases)`, () => {
    let n = 0;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        n++;
        check(s);
      }),
      { numRuns: RUNS, seed: 2 },
    );
    console.log(`read.property: ${n} random strings checked`);
    assert.equal(n, RUNS);
  });

  it(`a valid result with 1–4 random mutations (delete, change type, tricky keys), sometimes truncated (${RUNS} cases)`, () => {
    let n = 0;
    let parsed = 0;
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, fc.double({ min: 0, max: 1, noNaN: true })),
        (ms, cut) => {
          n++;
          const text = JSON.stringify(mutate(valid, ms), null, 1);
          if (check(cut === null ? text : text.slice(0, Math.floor(text.length * cut)))) parsed++;
        },
      ),
      { numRuns: RUNS, seed: 3 },
    );
    console.log(`read.property: ${n} mutated results checked (${parsed} still valid, ${n - parsed} refused with a ConfigError)`);
    assert.equal(n, RUNS);
    // Not all refused: mutations of optional or free-form fields (records, nullable) leave a valid file.
    assert.ok(parsed > 0 && parsed < n, `${parsed} of ${n} parsed`);
  });

  it('the examples behind each fix stay fixed', () => {
    // String() of an object whose own "toString" is not a function throws a TypeError.
    check(JSON.stringify({ schemaVersion: { toString: 1 } }));
    // V8 quotes the broken text (line breaks included) in its JSON.parse message.
    check('{"schemaVersion": 1,\n\n  "runId": x}');
    // A zod issue path holding a line break (a key from the file).
    check(JSON.stringify({ ...JSON.parse(valid), versions: { 'a\nb': 5 } }));
  });
});
