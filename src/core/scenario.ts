// The contracts every scenario and strategy file is written against. Stages talk through these types only.
import type { Ctx } from './context.ts';
import type { DatasetInfo } from './dataset.ts';
import type { Rng } from './rng.ts';

/** The run profiles (the options table's profile choices; src/options/define.ts re-exports them). */
export const PROFILE_NAMES = ['quick', 'default', 'full'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const TECHNIQUES = ['naive', 'eager', 'lean', 'raw', 'cached', 'replica', 'denormalized', 'graphql'] as const;
export type Technique = (typeof TECHNIQUES)[number];

export const CLIENTS = ['prisma', 'pg', 'mongoose'] as const;
export type Client = (typeof CLIENTS)[number];

/** A backend a strategy needs running. */
export const NEEDS = ['postgres', 'replica', 'redis', 'mongo'] as const;
export type Need = (typeof NEEDS)[number];

export type HttpMethod = 'GET' | 'POST';

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
  /** A deterministic write body for the mixed load. */
  body: (rng: Rng, ds: DatasetInfo) => B;
  /** Validates a body received over HTTP; throws BadRequest on bad input. */
  parseBody: (raw: unknown) => B;
  /** Which read params a write invalidates (for stale-read checks). */
  affects: (params: RawParams, body: B) => RawParams;
  /**
   * Stale-read detection: a version that only grows with writes (e.g. a post's comment count), read from the primary
   * and from a payload. A read whose payload shows a version below the primary's, read just before it, is stale.
   */
  freshness: {
    primary: (params: RawParams, ctx: Ctx) => Promise<number>;
    observed: (payload: unknown) => number;
  };
  /**
   * Verification of the write path (src/verify/write.ts): the body of one write to an existing item, given the
   * reference's payload of it, and the payload a read must return after that write (`created`: the write's reply).
   */
  verify?: {
    body: (before: unknown) => B;
    after: (before: unknown, created: unknown, body: B) => unknown;
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
  /** A mixed load: this fraction of requests are writes (scenario.writes), the rest reads. */
  mix?: { writeRatio: number };
  /** Fixed params per fan-out point (e.g. posts with 1, 10, 100, 500 comments): the N+1 curve. */
  fanout?: (ds: DatasetInfo) => Array<{ n: number; params: RawParams }>;
  /**
   * The database ceiling's statement, loaded lazily like the strategies (it lives in the reference strategy's file,
   * so the manifest names it, not the contract).
   */
  dbReference?: () => Promise<DbReference>;
  /** The folder under scenarios/ holding the strategy files, when they are another scenario's (default: name). */
  sourceDir?: string;
  /**
   * The profiles whose run includes this scenario when no --scenario names it (absent: every profile). A technique
   * whose full picture costs minutes (a sweep) runs in `full` only; naming it with --scenario always runs it.
   */
  runIn?: readonly ProfileName[];
  /** Strategies in this scenario, by name: the name is the file's name and the strategy's `name` (checked at load). */
  strategies: Record<string, () => Promise<{ default: Strategy<P, B> }>>;
}

/**
 * What a scenario promises, apart from who serves it (scenarios/<name>/contract.ts): the endpoint, its params, facts,
 * reference, sample and write. Strategies import their scenario's contract; its manifest (scenarios/<name>/index.ts)
 * adds the strategies, so no strategy ever imports the module that lists it.
 */
export type ScenarioContract<P = unknown, B = unknown> = Omit<Scenario<P, B>, 'strategies' | 'dbReference' | 'sourceDir' | 'runIn'>;

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
  [key: string]: string | number | boolean | undefined;
}

export interface Strategy<P = unknown, B = unknown, R = unknown> {
  name: string;
  technique: Technique;
  client: Client;
  needs: Need[];
  /** Queries (or Mongo commands) one read issues, derived from the facts of the data it touches. */
  expectQueries: (facts: Facts) => number;
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
