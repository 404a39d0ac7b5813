// Statement fingerprints must ignore literals (the same code with other ids is the same statement) and keep
// everything else (another table, another column list, another sort is another statement).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint, normalizeMongo, normalizeSql, normalizeStatement, summarizeCost } from './cost.ts';

describe('normalizeSql', () => {
  it('replaces string and number literals and collapses placeholder lists; keeps placeholders and identifiers', () => {
    assert.equal(
      normalizeSql("SELECT id FROM users  WHERE id = 42 AND name = 'O''Brien' LIMIT 20"),
      'SELECT id FROM users WHERE id = ? AND name = ? LIMIT ?',
    );
    assert.equal(normalizeSql('SELECT t1.id FROM "Post2" t1 WHERE t1.id = $1'), 'SELECT t1.id FROM "Post2" t1 WHERE t1.id = $1');
    // Prisma's IN lists: their length and the numbers of the placeholders after them depend on the data.
    assert.equal(normalizeSql('SELECT id FROM users WHERE id IN ($1,$2, $3) OFFSET $4'), 'SELECT id FROM users WHERE id IN ($…) OFFSET $2');
    assert.equal(normalizeSql('SELECT id FROM users WHERE id IN ($1) OFFSET $2'), 'SELECT id FROM users WHERE id IN ($…) OFFSET $2');
    assert.equal(
      normalizeSql('SELECT id FROM t WHERE a = $1 AND id IN ($2,$3) LIMIT $4'),
      'SELECT id FROM t WHERE a = $1 AND id IN ($…) LIMIT $3',
    );
    assert.notEqual(normalizeSql('SELECT id FROM users WHERE id = $1'), normalizeSql('SELECT id FROM posts WHERE id = $1'));
  });
});

describe('normalizeMongo', () => {
  it('keeps the collection, operators, field paths, sort and projection; replaces literal values', () => {
    const a = normalizeMongo('{"find":"users","filter":{"_id":{"$in":[3,9,12]}},"projection":{"username":1},"sort":{"createdAt":-1}}');
    const b = normalizeMongo('{"find":"users","filter":{"_id":{"$in":[7]}},"projection":{"username":1},"sort":{"createdAt":-1}}');
    assert.equal(a, b);
    assert.equal(a, '{"find":"users","filter":{"_id":{"$in":["?"]}},"projection":{"username":1},"sort":{"createdAt":-1}}');
    assert.notEqual(a, normalizeMongo('{"find":"users","filter":{"_id":{"$in":[7]}},"projection":{"username":1},"sort":{"createdAt":1}}'));
    assert.notEqual(a, normalizeMongo('{"find":"posts","filter":{"_id":{"$in":[7]}},"projection":{"username":1},"sort":{"createdAt":-1}}'));
    assert.match(
      normalizeStatement(
        '{"aggregate":"posts","pipeline":[{"$match":{"_id":5}},{"$lookup":{"from":"users","localField":"author","foreignField":"_id","as":"a"}}]}',
      ),
      /"from":"users".*"as":"a"/,
    );
  });
});

describe('summarizeCost', () => {
  it('means per request over the sample; statements counted by fingerprint over all first reads', () => {
    const join = 'SELECT json_build_object(...) FROM posts p WHERE p.id = $1';
    const user = 'SELECT id, username FROM users WHERE id = $1';
    const cost = summarizeCost(
      [
        { queries: 1, rows: 1, bytes: 100, statements: [join] },
        { queries: 3, rows: 3, bytes: 300, statements: [join, user, user] },
      ],
      [
        { queries: 0, rows: 0, bytes: 100, statements: [] },
        { queries: 0, rows: 0, bytes: 300, statements: [] },
      ],
      null,
    );
    assert.deepEqual(cost, {
      samples: 2,
      queriesPerRequest: 2,
      queriesPerRepeat: 0,
      rowsPerRequest: 2,
      bytesPerResponse: 200,
      writes: null,
      statements: [
        { id: fingerprint(normalizeSql(join)), text: normalizeSql(join), count: 2 },
        { id: fingerprint(user), text: user, count: 2 },
      ],
    });
  });
});
