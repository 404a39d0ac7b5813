// A route template filled with a request's params: path parameters in place (`/posts/:id`), the rest as the query.
import type { RawParams } from './scenario.ts';

export function fillRoute(path: string, params: RawParams): string {
  const query = new URLSearchParams();
  let out = path;
  for (const [k, v] of Object.entries(params)) {
    if (out.includes(`:${k}`)) out = out.replace(`:${k}`, encodeURIComponent(v));
    else query.set(k, v);
  }
  const q = query.toString();
  return q ? `${out}?${q}` : out;
}
