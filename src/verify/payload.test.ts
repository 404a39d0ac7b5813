// The payload check of verification, on replies as the strategy servers send them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { payloadProblem } from './verify.ts';

const reply = (body: string, status = 200) => ({ status, body });

describe('payloadProblem', () => {
  it('equal JSON in another key order and spacing passes', () => {
    assert.equal(payloadProblem(reply('{"a":1,"b":[2,3]}'), reply('{ "b" : [2, 3], "a" : 1 }'), 'pg-join'), null);
  });

  it('a 200 whose body does not parse fails, also when the reference body does not parse either', () => {
    assert.match(
      payloadProblem(reply('{"a":1}'), reply('<html>oops</html>'), 'pg-join') ?? '',
      /^answered 200 with a body that is not JSON: "<html>/,
    );
    // Before: both canonicalized to undefined and compared equal.
    assert.match(
      payloadProblem(reply('{"a":1'), reply('{"a":1'), 'pg-join') ?? '',
      /^the reference pg-join answered 200 with a body that is not JSON/,
    );
    assert.match(payloadProblem(reply(''), reply('not json'), 'pg-join') ?? '', /not JSON/);
  });

  it('different JSON names the first difference', () => {
    assert.equal(
      payloadProblem(reply('{"tags":["a","b"]}'), reply('{"tags":["b","a"]}'), 'pg-join'),
      'payload differs from pg-join: $.tags[0]: expected "a", got "b"',
    );
  });
});
