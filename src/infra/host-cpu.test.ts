import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { disturbance, sampleHost, treeCpuMicros } from './host-cpu.ts';

const linux = process.platform === 'linux';

test('a busy child process shows in the tree CPU of its parent, and not once it is excluded', { skip: !linux }, async () => {
  const child = spawn(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 600) {}'], { stdio: 'ignore' });
  const pid = child.pid as number;
  await new Promise((r) => setTimeout(r, 450));
  const withChild = treeCpuMicros(process.pid) as number;
  const without = treeCpuMicros(process.pid, [pid]) as number;
  const own = treeCpuMicros(pid) as number;
  await new Promise((r) => child.on('exit', r));
  assert.ok(own >= 100_000, `the spinning child used ${own} µs`);
  assert.ok(withChild - without >= own - 20_000, `tree ${withChild}, without the child ${without}, child ${own}`);
  assert.equal(treeCpuMicros(2 ** 22 + 12345), null, 'an absent pid has no tree');
});

test('CPU used by a process outside the run is counted as external load', { skip: !linux }, async () => {
  const before = sampleHost() as NonNullable<ReturnType<typeof sampleHost>>;
  // Not our descendant: started through a detached shell that exits at once, so the spinner is re-parented.
  const sh = spawn('sh', ['-c', `${process.execPath} -e "const t=Date.now();while(Date.now()-t<700){}" & exit 0`], {
    stdio: 'ignore',
    detached: true,
  });
  await new Promise((r) => sh.on('exit', r));
  await new Promise((r) => setTimeout(r, 700));
  const after = sampleHost() as NonNullable<ReturnType<typeof sampleHost>>;
  const d = disturbance(before, after, 2);
  assert.ok(d.externalCores > 0.2, `external ${d.externalCores.toFixed(2)} cores`);
});
