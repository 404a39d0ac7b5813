// The request handler of a strategy server: route matching, param parsing (400), not found (404), the strategy call,
// serialization. Kept free of HTTP plumbing so verification can call it with statement capture on.
import { BadRequest, NotFound } from '../core/errors.ts';
import { RawJson, type Ctx } from '../core/context.ts';
import type { RawParams, Route, Scenario, Strategy } from '../core/scenario.ts';

export interface Reply {
  status: number;
  body: string;
}

/** Matches `/posts/:id` against a path; returns the params or null. A segment that cannot be decoded is a 400. */
export function matchRoute(route: Route, method: string, pathname: string): RawParams | null {
  if (method !== route.method) return null;
  const want = route.path.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  if (want.some((w, i) => (w.startsWith(':') ? got[i] === '' : w !== got[i]))) return null;
  const params: RawParams = {};
  for (const [i, w] of want.entries()) {
    if (!w.startsWith(':')) continue;
    try {
      params[w.slice(1)] = decodeURIComponent(got[i] as string);
    } catch {
      // The route matched; the client's percent-encoding is broken: bad input, not a missing route.
      throw new BadRequest(`${w.slice(1)}: malformed percent-encoding`);
    }
  }
  return params;
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

export type Handler = (method: string, url: string, body: string) => Promise<Reply>;

export function createHandler(scenario: Scenario, strategy: Strategy, ctx: Ctx): Handler {
  return async (method, rawUrl, body) => {
    const url = new URL(rawUrl, 'http://localhost');
    try {
      if (strategy.wire && matchRoute(strategy.wire.route, method, url.pathname)) return await strategy.wire.serve(body, ctx);
      const readParams = matchRoute(scenario.route, method, url.pathname);
      if (readParams) {
        const params = scenario.parse(readParams, url.searchParams);
        const out = await strategy.read(params, ctx);
        if (out === null) throw new NotFound('not found');
        return { status: 200, body: out instanceof RawJson ? out.text : JSON.stringify(out) };
      }
      const w = scenario.writes;
      const writeParams = w ? matchRoute(w.route, method, url.pathname) : null;
      if (w && writeParams) {
        if (!strategy.write) return json(405, { error: `${strategy.name} has no write path` });
        const params = scenario.parse(writeParams, url.searchParams);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          throw new BadRequest('body must be JSON');
        }
        const out = await strategy.write(params, w.parseBody(parsed), ctx);
        if (out === null) throw new NotFound('not found');
        return json(201, out);
      }
      return json(404, { error: 'no such route' });
    } catch (e) {
      if (e instanceof BadRequest) return json(400, { error: e.message });
      if (e instanceof NotFound) return json(404, { error: e.message });
      return json(500, { error: (e as Error).message ?? String(e) });
    }
  };
}
