import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackendStatus } from '../core/infra.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { VerifyProblem } from '../results/schema.ts';
import { serverCannot, unsupportedReason, unusedBackends } from './limits.ts';

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
  const lookup = 'status 500, reference 200: {"error":"`aggregate` stage \\"$lookup\\" is not implemented yet"}';
  const fail = (message: string, params = '{"id":"5"}'): VerifyProblem => ({ severity: 'fail', params, message });
  const ferret = backends('FerretDB 1.24.2 (SQLite)');

  it("a Mongo strategy on FerretDB whose every failure is a stage FerretDB lacks: skipped with FerretDB's error", () => {
    assert.equal(
      serverCannot(strategy(['mongo']), [fail(lookup), fail(lookup, '{"id":"9"}')], ferret),
      '`aggregate` stage "$lookup" is not implemented yet',
    );
  });

  it('never for another failure beside it, another error, another backend or a strategy without Mongo', () => {
    // Judged on all failures, not the first: a wrong payload on another sample is the strategy's bug.
    assert.equal(
      serverCannot(strategy(['mongo']), [fail(lookup), fail('payload differs from pg-join: $.comments[0].id: expected 1, got 2')], ferret),
      null,
    );
    // Any backend's "not supported" used to match: a PostgreSQL error is the strategy's own problem.
    assert.equal(
      serverCannot(
        strategy(['postgres']),
        [fail('status 500, reference 200: {"error":"cached plan must not change result type: not supported"}')],
        ferret,
      ),
      null,
    );
    assert.equal(
      serverCannot(strategy(['mongo']), [fail('status 500, reference 200: {"error":"operation not supported on this cursor"}')], ferret),
      null,
    );
    assert.equal(serverCannot(strategy(['mongo']), [fail(lookup)], backends('MongoDB 7.0.14')), null);
    assert.equal(serverCannot(strategy(['mongo']), [], ferret), null);
    assert.equal(serverCannot(strategy(['mongo']), null, ferret), null);
  });
});

describe('unusedBackends', () => {
  const ferret: BackendStatus[] = [
    { need: 'postgres', status: 'up', server: 'PostgreSQL 17.10', reason: null },
    { need: 'redis', status: 'up', server: 'Redis 7.0.15', reason: null },
    ...backends('FerretDB 1.24.2 (SQLite)'),
  ];
  const run = (needs: Array<Strategy['needs']>) => [{ scenario: scenario(false), strategies: needs.map(strategy) }];

  it('names Mongo when every strategy needing it is skipped on this server, so it is not seeded', () => {
    assert.deepEqual(unusedBackends(run([['postgres'], ['mongo'], ['postgres', 'redis']]), ferret, 'small', {}), ['mongo']);
  });

  it('keeps a backend any strategy still uses, and never names PostgreSQL', () => {
    assert.deepEqual(unusedBackends(run([['postgres'], ['mongo'], ['postgres', 'redis']]), ferret, 'tiny', {}), []);
    assert.deepEqual(unusedBackends(run([['mongo']]), ferret, 'small', {}), ['redis', 'mongo']);
    const mongod = ferret.map((b) => (b.need === 'mongo' ? { ...b, server: 'MongoDB 7.0.14' } : b));
    assert.deepEqual(unusedBackends(run([['mongo'], ['postgres', 'redis']]), mongod, 'small', {}), []);
  });
});
