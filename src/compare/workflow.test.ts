// The GitHub workflow users copy: it must parse, and every accessbench command it runs must exist and accept its
// flags — checked with the CLI's own parser, so a renamed flag breaks this test rather than a user's CI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { COMMANDS, parseCommand } from '../cli/args.ts';

const WORKFLOW = fileURLToPath(new URL('../../.github/workflows/bench.yml', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../package.json', import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  steps: Step[];
  permissions?: Record<string, string>;
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const scripts = (JSON.parse(readFileSync(PACKAGE, 'utf8')) as { scripts: Record<string, string> }).scripts;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

/** A step's shell text as argv lists, one per accessbench invocation, with `${{ … }}` expressions as placeholders. */
function invocations(run: string): string[][] {
  const text = run.replace(/\\\n/g, ' ').replace(/\$\{\{[^}]*\}\}/g, (m) => (/base_ref/.test(m) ? 'main' : ''));
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      if (words[i] === 'npx' && words[i + 1] === 'accessbench') out.push(words.slice(i + 2));
      if (words[i] === 'npm' && words[i + 1] === 'run') {
        const script = words[i + 2] as string;
        assert.ok(scripts[script], `package.json has a "${script}" script`);
        // Scripts that wrap the CLI are checked with the CLI's parser too; `--` separates npm's flags from ours.
        const cli = /^tsx src\/cli\.ts (\w+)/.exec(scripts[script] as string);
        const rest = words.slice(i + 3);
        if (cli) out.push([cli[1] as string, ...(rest[0] === '--' ? rest.slice(1) : rest)]);
      }
    }
  }
  return out.map((argv) => argv.filter(Boolean));
}

describe('.github/workflows/bench.yml', () => {
  it('parses, runs on pull requests and on pushes to main', () => {
    assert.ok('pull_request' in workflow.on);
    assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ['main']);
  });

  it('every npm script and accessbench command it calls exists and accepts its flags', () => {
    const calls = steps.flatMap((s) => (s.run ? invocations(s.run) : []));
    assert.ok(calls.length >= 2, `found ${calls.length} accessbench invocations`);
    for (const argv of calls) {
      assert.ok((COMMANDS as readonly string[]).includes(argv[0] as string), `"${argv[0]}" is a command (${COMMANDS.join(', ')})`);
      assert.doesNotThrow(() => parseCommand(argv), `accessbench ${argv.join(' ')}`);
    }
    const ab = calls.find((a) => a[0] === 'ab');
    assert.ok(ab, 'the pull-request job runs ab');
    const parsed = parseCommand(ab);
    assert.equal(parsed.name, 'ab');
    if (parsed.name === 'ab') {
      assert.equal(parsed.baseRef, 'origin/main');
      assert.equal(parsed.run.profile, 'quick');
      assert.equal(parsed.markdown, 'bench-results/comparison.md');
    }
  });

  it('pull requests: full history, Node 24 (the current LTS, within package.json engines), npm ci; the summary, comment and upload still run after a regression', () => {
    const pr = Object.values(workflow.jobs).find((j) => j.if?.includes("'pull_request'"));
    assert.ok(pr);
    const checkout = pr.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    for (const job of Object.values(workflow.jobs)) {
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
      if (node !== undefined) assert.equal(String(node), '24');
    }
    const engines = (
      JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    assert.match(engines, /^>=\s*(\d+)/);
    assert.ok(Number(/^>=\s*(\d+)/.exec(engines)?.[1]) <= 24, `engines ${engines} admits Node 24`);
    assert.ok(pr.steps.some((s) => s.run?.trim() === 'npm ci'));
    const abIndex = pr.steps.findIndex((s) => s.run?.includes('accessbench ab'));
    const later = pr.steps.slice(abIndex + 1);
    assert.ok(later.some((s) => s.run?.includes('$GITHUB_STEP_SUMMARY')));
    assert.ok(later.some((s) => s.uses?.startsWith('actions/upload-artifact@')));
    const comment = later.find((s) => s.uses?.startsWith('actions/github-script@'));
    assert.match(comment?.if ?? '', /vars\.ACCESSBENCH_PR_COMMENT == 'true'/, 'the comment is opt-in');
    for (const s of later) assert.match(s.if ?? '', /!cancelled\(\)|always\(\)/, `"${s.name ?? s.uses}" runs when ab exits 1`);
  });
});
