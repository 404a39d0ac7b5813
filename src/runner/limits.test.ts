import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackendStatus } from '../core/infra.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { unsupportedReason } from './limits.ts';

const strategy = (needs: Strategy['needs']) => ({ name: 's', needs }) as Strategy;
const scenario = (mix: boolean) => (mix ? { mix: { writeRatio: 0.1 } } : {}) as Scenario;
const backends = (mongo: string): BackendStatus[] => [{ need: 'mongo', status: 'up', server: mongo, reason: null }];

describe('unsupportedReason', () => {
  it('skips Mongo strategies on FerretDB beyond the tiny preset, with the reason and the way out', () => {
    const r = unsupportedReason(strategy(['mongo']), scenario(false), backends('FerretDB 1.24.2 (SQLite)'), 'small', {});
    assert.match(r ?? '', /FerretDB 1\.24\.2 \(SQLite\) pushes no filter except _id/);
    assert.match(r ?? '', /--mongo-url/);
    assert.equal(unsupportedReason(strategy(['mongo']), scenario(false), backends('FerretDB 1.24.2 (SQLite)'), 'tiny', {}), null);
    assert.equal(
      unsupportedReason(strategy(['mongo']), scenario(false), backends('FerretDB 1.24.2 (SQLite)'), 'small', {
        ACCESSBENCH_FERRETDB_ANY_PRESET: '1',
      }),
      null,
    );
  });

  it('skips Mongo strategies of a mixed load on FerretDB (lost concurrent updates)', () => {
    assert.match(unsupportedReason(strategy(['mongo']), scenario(true), backends('FerretDB 1.24.2 (SQLite)'), 'tiny', {}) ?? '', /#3040/);
  });

  it('never limits real MongoDB or strategies that do not use Mongo', () => {
    assert.equal(unsupportedReason(strategy(['mongo']), scenario(true), backends('MongoDB 7.0.14'), 'small', {}), null);
    assert.equal(unsupportedReason(strategy(['postgres']), scenario(true), backends('FerretDB 1.24.2 (SQLite)'), 'small', {}), null);
  });
});

describe('serverCannot', () => {
  it("turns a verification failure on an operator the server lacks into the server's own error", async () => {
    const { serverCannot } = await import('./run.ts');
    const reason =
      'verification failed: status 500, reference 200: {"error":"`aggregate` stage \\"$lookup\\" is not implemented yet"} (params {"id":"5"})';
    assert.equal(serverCannot(reason), '`aggregate` stage "$lookup" is not implemented yet');
    assert.equal(serverCannot('verification failed: payload differs from pg-join: $.comments[0].id: expected 1, got 2'), null);
    assert.equal(serverCannot('verification failed: status 500, reference 200: {"error":"connection refused"}'), null);
  });
});
