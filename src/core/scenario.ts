// The contracts every scenario and strategy file is written against. Stages talk through these types only.
import type { Ctx } from './context.ts';
import type { DatasetInfo } from './dataset.ts';
import type { Rng } from './rng.ts';

/** The run profiles (the options table's profile choices; src/options/define.ts re-exports them). */
export const PROFILE_NAMES = ['quick', 'default', 'full'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const TECHNIQUES = [
  'naive',
  'eager',
  'lean',
  'raw',
  'cached',
  'replica',
  'denormalized',
  'offset',
  'keyset',
  'pooling',
  'matview',
  'bulk',
  'graphql',
] as const;
export type Technique = (typeof TECHNIQUES)[number];

export const CLIENTS = ['prisma', 'pg', 'mongoose'] as const;
export type Client = (typeof CLIENTS)[number];

/** A backend a strategy needs running. */
export const NEEDS = ['postgres', 'replica', 'redis', 'mongo', 'pgbouncer', 'memcached'] as const;
export type Need = (typeof NEEDS)[number];

/** What the points of a fan-out curve count (results/schema.ts records it with each point). */
export const FANOUT_AXES = ['comments', 'page'] as const;
export type FanoutAxis = (typeof FANOUT_AXES)[number];

export type HttpMethod = 'GET' | 'POST';

/** Where a mixed load's writes go: uniform over all items, or following the reads' skew (hot). */
export const WRITE_TARGETS = ['uniform', 'hot'] as const;
export type WriteTarget = (typeof WRITE_TARGETS)[number];

export interface Route {
  method: HttpMethod;
  /** Express-style path with `:name` parameters, e.g. `/posts/:id`. */
  path: string;
}

/** Params travel as strings in the URL; the scenario parses them (and answers 400 on bad input). */
export type RawParams = Record<string, string>;

/**
 * Facts about the data one request touches (e.g. how many comments a post has), computed from the reference
 * database. Strategies derive their expected query count from them.
 */
export type Facts = Record<string, number>;

export interface WriteSpec<B> {
  route: Route;
  /** Which item a write targets (route params), when it should not follow the read distribution. */
  target?: (rng: Rng, ds: DatasetInfo) => RawParams;
  /**
   * The target of a write that follows the reads (`--write-target hot`): the same skew over the same items as the
   * reads (default: the read params themselves, where a read's params name the written item).
   */
  hot?: (rng: Rng, ds: DatasetInfo) => RawParams;
  /** A deterministic write body for the mixed load. */
  body: (rng: Rng, ds: DatasetInfo) => B;
  /** Largest request body the server reads (default 64 KiB); a bigger one is a 400. */
  maxBodyBytes?: number;
  /** Validates a body received over HTTP; throws BadRequest on bad input. */
  parseBody: (raw: unknown) => B;
  /** Which read params a write invalidates (for stale-read checks). */
  affects: (params: RawParams, body: B) => RawParams;
  /**
   * Stale-read detection: a version that only grows with writes (e.g. a post's comment count), read from the primary
   * and from a payload. A read whose payload shows a version below the primary's, read just before it, is stale.
   * Absent for a write-only load (bulk-write): no read to go stale, and no probe reads beside the writes.
   */
  freshness?: {
    primary: (params: RawParams, ctx: Ctx) => Promise<number>;
    /** The version a payload shows; `params` are the write's (the item within a payload that lists several). */
    observed: (payload: unknown, params: RawParams) => number;
  };
  /**
   * Verification of the write path (src/verify/write.ts): the body of one write to an existing item, given the
   * reference's payload of it, and the payload a read must return after that write (`created`: the write's reply).
   */
  verify?: {
    /** The write's params, from the read sample's and its payload (default: the read's); null when it shows none. */
    params?: (read: RawParams, before: unknown) => RawParams | null;
    body: (before: unknown) => B;
    after: (before: unknown, created: unknown, body: B) => unknown;
    /**
     * Facts the write's statement count depends on (e.g. rows in a bulk write). When given, the write's counted
     * queries must equal the strategy's `expectQueries({ ...facts(body), write: 1 })`, as a read's must.
     */
    facts?: (body: B) => Facts;
  };
}

/**
 * The statement that bounds a read scenario from the database's side: the reference strategy's SQL, driven directly
 * (no HTTP, no Node) at the load's concurrency, so the report can show each strategy's share of what the database
 * alone does (src/runner/db-ceiling.ts).
 */
export interface DbReference {
  /** Whose statement it is, in words: "pg-join's statement". */
  label: string;
  /** PostgreSQL SQL with positional placeholders $1..$n. */
  sql: string;
  /**
   * The statement's positional parameters for one read, from the URL params the HTTP load draws (scenario.params), so
   * the database sees the same hot ids. Integers only: pgbench can compute nothing else.
   */
  args: (params: RawParams) => number[];
}

/**
 * A property of the database a strategy runs on, not of its code (e.g. "without the foreign-key indexes"): the SQL
 * that turns a copy of the seeded database into the variant. A scenario declaring variants measures each of its
 * strategies on its own copy per variant, as contenders named `strategy@variant` (src/core/variants.ts).
 */
export interface DbVariant {
  /** What the variant is, in words, for the report. */
  summary: string;
  /** Statements run, in order, on the strategy's own copy of the seeded database before its server starts. */
  sql: readonly string[];
}

export interface DbVariants {
  /** By name; the first is the baseline the others are compared with. */
  variants: Record<string, DbVariant>;
  /** The statement whose plan (EXPLAIN (ANALYZE, BUFFERS)) is recorded on each variant, for one sample request. */
  explain?: () => Promise<DbReference>;
}

export interface Scenario<P = unknown, B = unknown> {
  name: string;
  summary: string;
  route: Route;
  /** Deterministic params for the next request, in URL form. */
  params: (rng: Rng, ds: DatasetInfo) => RawParams;
  /** URL params → typed params; throws BadRequest on bad input. */
  parse: (raw: RawParams, query: URLSearchParams) => P;
  /** Facts for expectQueries, computed on the reference database (the primary) with the pg pool. */
  facts: (params: P, ctx: Ctx) => Promise<Facts>;
  /** Name of the strategy whose payload is the truth. */
  reference: string;
  /** Ids used by verification, always including edge cases (e.g. a post with no comments). */
  sample: (ds: DatasetInfo, n: number, rng: Rng) => RawParams[];
  writes?: WriteSpec<B>;
  /**
   * A mixed load: this fraction of requests are writes (scenario.writes), the rest reads; or, with `writeRate`, reads
   * in the closed loop and writes at that many per second beside them (src/load/writer.ts). `writeTarget`: writes
   * spread uniformly over all items, or following the reads (hot). `--write-ratio`, `--write-rate` and
   * `--write-target` override them for every mixed scenario of a run.
   */
  mix?: { writeRatio: number; writeRate?: number; writeTarget?: WriteTarget };
  /** Fixed params per fan-out point (e.g. posts with 1, 10, 100, 500 comments): the N+1 curve. */
  fanout?: (ds: DatasetInfo) => Array<{ n: number; params: RawParams }>;
  /** What a fan-out point's `n` counts: comments on the post (the default), or the page's depth (feed-pages). */
  fanoutAxis?: FanoutAxis;
  /**
   * The curve is the scenario's main figure (feed-pages' latency against depth): measured also in profiles that draw
   * no other fan-out curve (quick, `fanoutOnlyMain`). A profile with `fanoutSec: 0` (ab, calibrate) still draws none.
   */
  fanoutMain?: boolean;
  /**
   * The database ceiling's statement, loaded lazily like the strategies (it lives in the reference strategy's file,
   * so the manifest names it, not the contract).
   */
  dbReference?: () => Promise<DbReference>;
  /**
   * The load's concurrency, when the scenario fixes its own instead of the profile's levels (e.g. pooling: above every
   * pool size it compares). The result records it.
   */
  connections?: number;
  /** Sample the primary's connection count (pg_stat_activity) during each trial. */
  sampleConnections?: boolean;
  /** The folder under scenarios/ holding the strategy files, when they are another scenario's (default: name). */
  sourceDir?: string;
  /**
   * The profiles whose run includes this scenario when no --scenario names it (absent: every profile). A technique
   * whose full picture costs minutes (a sweep) runs in `full` only; naming it with --scenario always runs it.
   */
  runIn?: readonly ProfileName[];
  /** Database variants its strategies run on (each strategy on its own copy per variant): src/core/variants.ts. */
  dbVariants?: DbVariants;
  /**
   * This scenario's profiles for some of its strategies, in place of the strategies' own `runIn` (a strategy file
   * serves several scenarios, and may belong in one's default run but only in another's full run). A name mapped to
   * undefined runs in every profile here.
   */
  strategyRunIn?: Readonly<Record<string, readonly ProfileName[] | undefined>>;
  /** Strategies in this scenario, by name: the name is the file's name and the strategy's `name` (checked at load). */
  strategies: Record<string, () => Promise<{ default: Strategy<P, B> }>>;
}

/**
 * What a scenario promises, apart from who serves it (scenarios/<name>/contract.ts): the endpoint, its params, facts,
 * reference, sample and write. Strategies import their scenario's contract; its manifest (scenarios/<name>/index.ts)
 * adds the strategies, so no strategy ever imports the module that lists it.
 */
export type ScenarioContract<P = unknown, B = unknown> = Omit<
  Scenario<P, B>,
  'strategies' | 'dbReference' | 'sourceDir' | 'runIn' | 'dbVariants' | 'strategyRunIn'
>;

/** A request as a client sends it: method, path with query, and a JSON body where there is one. */
export interface WireRequest {
  method: HttpMethod;
  path: string;
  body?: string;
}

/**
 * How clients reach a strategy when not through the scenario's REST route: GraphQL's POST /graphql with the operation
 * and its variables. The load, the cold requests and verification send `request(params)` to it instead of the REST
 * request; verification compares `toRest` of its reply with the reference's.
 */
export interface Wire {
  /** What the wire is, in words (recorded with the strategy's parity, shown in the report). */
  label: string;
  route: Route;
  /** The request a client sends for one read, from the URL params the load draws. */
  request: (params: RawParams) => WireRequest;
  /** Answers a request on `route` (its body): status and body as sent. */
  serve: (body: string, ctx: Ctx) => Promise<{ status: number; body: string }>;
  /** The wire's reply as the scenario's REST reply would be (status and JSON body), for verification. */
  toRest: (reply: { status: number; body: string }) => { status: number; body: string };
}

export interface Parity {
  /** Connection pool size per server process. */
  pool?: number;
  preparedStatements?: boolean;
  relationLoadStrategy?: 'query' | 'join';
  lean?: boolean;
  readFrom?: 'primary' | 'replica';
  cacheTtlSeconds?: number;
  /**
   * A read model refreshed on a schedule (a materialized view) shows a write only after its next refresh: write
   * verification reads again for up to this long, the strategy's declared staleness bound (as a replica gets 5 s).
   */
  freshWithinMs?: number;
  [key: string]: string | number | boolean | undefined;
}

export interface Strategy<P = unknown, B = unknown, R = unknown> {
  name: string;
  technique: Technique;
  client: Client;
  needs: Need[];
  /** Queries (or Mongo commands) one read issues, derived from the facts of the data it touches. */
  expectQueries: (facts: Facts) => number;
  /**
   * Cache round trips (Redis commands, Memcached requests) one read issues, where the strategy uses a cache server:
   * counted at the client like queries and checked by verification (a hit is a GET, a miss a GET and a SET).
   */
  expectCacheRoundTrips?: (facts: Facts) => number;
  parity: Parity;
  /** The profiles whose run includes this strategy when no --strategy names it (absent: every profile). */
  runIn?: readonly ProfileName[];
  read: (params: P, ctx: Ctx) => Promise<R | null>;
  /** Clients reach it through this wire instead of the REST route (GraphQL); the REST route stays served by `read`. */
  wire?: Wire;
  /** Keeps this strategy's own read model or cache correct; present where the scenario has writes. */
  write?: (params: P, body: B, ctx: Ctx) => Promise<unknown>;
}

export function defineScenario<P, B = never>(s: Scenario<P, B>): Scenario<P, B> {
  return s;
}

export function defineContract<P, B = never>(c: ScenarioContract<P, B>): ScenarioContract<P, B> {
  return c;
}

export function defineStrategy<P, B = never, R = unknown>(s: Strategy<P, B, R>): Strategy<P, B, R> {
  return s;
}

/** A strategy's profiles in this scenario: the scenario's word for it, else the strategy's own. */
export function runInOf(
  scenario: { strategyRunIn?: Readonly<Record<string, readonly ProfileName[] | undefined>> },
  name: string,
  strategy: { runIn?: readonly ProfileName[] },
): { runIn?: readonly ProfileName[] } {
  return scenario.strategyRunIn && name in scenario.strategyRunIn ? { runIn: scenario.strategyRunIn[name] } : strategy;
}
