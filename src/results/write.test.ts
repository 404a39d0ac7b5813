import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { ConfigError } from '../core/errors.ts';
import { readResult } from './read.ts';
import { Result } from './schema.ts';
import { writeResult } from './write.ts';

describe('result files', () => {
  it('are written atomically under <time>_<sha>.json and validate against the schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-results-'));
    try {
      const r = buildFixtureResult();
      const file = writeResult(dir, r);
      assert.match(file, /\d{4}-\d\d-\d\dT[\d-]+Z_[0-9a-f]{1,12}\.json$/);
      assert.deepEqual(readdirSync(dir), [file.split('/').pop()], 'no temp file left behind');
      assert.ok(Result.safeParse(JSON.parse(readFileSync(file, 'utf8'))).success);
      assert.deepEqual(readResult(file), Result.parse(r));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never overwrite an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-results-'));
    try {
      const r = buildFixtureResult();
      const a = writeResult(dir, r);
      const before = readFileSync(a, 'utf8');
      const b = writeResult(dir, { ...r, runId: 'second' });
      assert.notEqual(a, b);
      assert.equal(readFileSync(a, 'utf8'), before);
      assert.equal(readdirSync(dir).length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse unreadable, truncated, invalid and other-version files with one clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-results-'));
    try {
      const good = JSON.stringify(buildFixtureResult());
      const cases: Record<string, string> = {
        'truncated.json': good.slice(0, good.length / 2),
        'version.json': JSON.stringify({ ...JSON.parse(good), schemaVersion: 99 }),
        'invalid.json': JSON.stringify({ ...JSON.parse(good), scenarios: 'nope' }),
      };
      for (const [name, text] of Object.entries(cases)) writeFileSync(join(dir, name), text);
      assert.throws(
        () => readResult(join(dir, 'missing.json')),
        (e) => e instanceof ConfigError && /cannot read/.test(e.message),
      );
      assert.throws(
        () => readResult(join(dir, 'truncated.json')),
        (e) => e instanceof ConfigError && /not valid JSON/.test(e.message),
      );
      assert.throws(
        () => readResult(join(dir, 'version.json')),
        (e) => e instanceof ConfigError && /version 99 is not supported/.test(e.message),
      );
      assert.throws(
        () => readResult(join(dir, 'invalid.json')),
        (e) => e instanceof ConfigError && /scenarios/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
