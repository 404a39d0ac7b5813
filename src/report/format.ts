// Number formatting for tables and sentences. Figures keep enough digits to be checked against the raw trials
// shown further down, without pretending to more precision than a benchmark has.

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Latency from microseconds: "850 µs", "1.24 ms", "38.1 ms", "2.35 s". */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return 'n/a';
  if (us < 10) return `${us.toFixed(1)} µs`;
  if (us < 1000) return `${us.toFixed(0)} µs`;
  const ms = us / 1000;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Requests per second: integers with separators above 100, one decimal below (slow strategies). */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return 'n/a';
  return rps >= 100 ? int.format(rps) : one.format(rps);
}

/** A speed ratio: "1.04×", "7.9×", "43×". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '∞×';
  if (r < 2) return `${r.toFixed(2)}×`;
  if (r < 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(0)}×`;
}

/** Queries per request: exact when integral (the N+1 count), else two decimals (cache hits average it down). */
export function formatQueries(q: number | null): string {
  if (q === null || !Number.isFinite(q)) return 'n/a';
  return Number.isInteger(q) ? int.format(q) : q.toFixed(2);
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return 'n/a';
  if (bytes < 1024) return `${bytes.toFixed(0)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : 'n/a';
}

export function formatInt(n: number): string {
  return int.format(n);
}

/** "1 query" / "43 queries": the verdict sentence reads as prose. */
export function plural(n: number, one: string, many: string): string {
  return `${formatQueries(n)} ${n === 1 ? one : many}`;
}

/** ISO timestamp → "2025-05-12 14:03 UTC"; anything unparsable is shown as given. */
export function formatTime(iso: string | null): string {
  if (iso === null) return 'n/a';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
