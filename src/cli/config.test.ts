// The config file: validated with every problem reported at once in one line (exit 2), command-line flags win.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.ts';
import { parseCommand } from './args.ts';
import { applyConfig, loadConfig, validateConfig } from './config.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));

describe('config file', () => {
  it('lists every problem at once, in one line', () => {
    assert.throws(
      () =>
        validateConfig(
          { profile: 'fast', trials: 0, connections: ['x'], settings: { poolSize: -1 }, bogus: 1, duration: 'soon' },
          'c.json',
        ),
      (e) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.message.split('\n').length, 1, e.message);
        for (const field of ['profile', 'trials', 'connections.0', 'settings.poolSize', 'bogus'])
          assert.match(e.message, new RegExp(field.replace('.', '\\.')));
        assert.match(e.message, /^c\.json: \d+ problems: /);
        return true;
      },
    );
    assert.throws(
      () => validateConfig({ duration: 'soon', warmup: 'later' }, 'c.json'),
      /2 problems: duration: "soon" is not a duration.*warmup: "later"/,
    );
  });

  it('fills in what the command line did not say; flags typed win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-config-'));
    try {
      writeFileSync(
        join(dir, 'accessbench.config.json'),
        JSON.stringify({ profile: 'quick', trials: 5, duration: '4s', connections: [4, 8], settings: { poolSize: 20 } }),
      );
      const loaded = await loadConfig(undefined, dir);
      assert.ok(loaded);
      const cmd = parseCommand(['run', '--trials', '2']);
      assert.equal(cmd.name, 'run');
      if (cmd.name !== 'run') return;
      const flags = applyConfig(cmd.flags, loaded.config, new Set(cmd.flags.explicit));
      assert.equal(flags.profile, 'quick');
      assert.equal(flags.trials, 2, 'the flag wins');
      assert.equal(flags.trialSec, 4);
      assert.deepEqual(flags.connections, [4, 8]);
      assert.equal(loaded.config.settings?.poolSize, 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken config file stops the CLI with one line and exit 2, before anything starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-config-'));
    try {
      writeFileSync(join(dir, 'accessbench.config.json'), '{ "profile": "quick", "trials": "many", "seed": -1 }');
      const r = spawnSync(process.execPath, [BIN, 'run'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] as string, /accessbench\.config\.json: 2 problems: /);
      assert.match(lines[0] as string, /trials: /);
      assert.match(lines[0] as string, /seed: /);
      assert.deepEqual(readdirSync(dir), ['accessbench.config.json'], 'nothing written');
      // ab reads the same file (its settings go to both sides' servers), and refuses it the same way.
      const ab = spawnSync(process.execPath, [BIN, 'ab', '--base', 'HEAD'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(ab.status, 2, ab.stderr);
      assert.match(ab.stderr.trim(), /accessbench\.config\.json: 2 problems: /);
      assert.equal(ab.stderr.trim().split('\n').length, 1, ab.stderr);
      writeFileSync(join(dir, 'accessbench.config.json'), '{ "profile": ');
      const t = spawnSync(process.execPath, [BIN, 'run'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(t.status, 2);
      assert.match(t.stderr.trim(), /^accessbench: .*accessbench\.config\.json: cannot be read: /);
      assert.equal(t.stderr.trim().split('\n').length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
