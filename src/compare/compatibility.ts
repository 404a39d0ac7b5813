// Whether two result files measured the same thing. Some differences make every delta meaningless (other data,
// another database product): those refuse the comparison unless forced. Others only make deltas noisier (another
// machine, a patch release of a server): those are shown beside the numbers as caveats.
import type { Result } from '../results/schema.ts';

/**
 * The product behind a server string, without its version: "PostgreSQL 17.10 (streaming standby)" → "PostgreSQL
 * (streaming standby)", "FerretDB 1.24.2 (SQLite)" → "FerretDB (SQLite)". FerretDB on SQLite and MongoDB answer the
 * same wire protocol with entirely different engines, so a change of kind is not a code change.
 */
export function serverKind(server: string): string {
  return server
    .replace(/\bv?\d+(?:\.\d+)*(?:[-+][\w.]+)?/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .trim();
}

function upServers(r: Result): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of r.infra.backends) if (b.status === 'up' && b.server) out.set(b.need, b.server);
  return out;
}

/** A scenario's writes in words; files from before paced writes have only the share (their writes were uniform). */
function writesOf(s: Result['scenarios'][number]): string {
  if (!(s.writeRatio > 0) && !((s.writeRate ?? 0) > 0)) return 'no writes';
  const how = (s.writeRate ?? 0) > 0 ? `${s.writeRate} writes/s` : `${Math.round(s.writeRatio * 1000) / 10} % writes`;
  return `${how}, ${s.writeTarget ?? 'uniform'}`;
}

/** Differences that make the comparison meaningless; empty when the files are comparable. */
export function incompatibilities(base: Result, head: Result): string[] {
  const out: string[] = [];
  if (base.dataset.preset !== head.dataset.preset)
    out.push(`different dataset preset (base ${base.dataset.preset}, head ${head.dataset.preset})`);
  if (base.dataset.seed !== head.dataset.seed) out.push(`different dataset seed (base ${base.dataset.seed}, head ${head.dataset.seed})`);
  if (base.profile.name !== head.profile.name) out.push(`different profile (base ${base.profile.name}, head ${head.profile.name})`);
  const b = upServers(base);
  const h = upServers(head);
  for (const [need, server] of b) {
    const other = h.get(need);
    if (other !== undefined && serverKind(server) !== serverKind(other)) {
      out.push(`different ${need} server (base ${server}, head ${other})`);
    }
  }
  // A mixed scenario under other writes (share, rate, or where they go) is another load, not another commit.
  for (const sb of base.scenarios) {
    const sh = head.scenarios.find((s) => s.name === sb.name);
    if (sh && writesOf(sb) !== writesOf(sh)) out.push(`${sb.name}: different writes (base ${writesOf(sb)}, head ${writesOf(sh)})`);
  }
  // A gate must never pass on strategies that were not measured.
  for (const [side, r] of [['base', base] as const, ['head', head] as const])
    if (r.partial) out.push(`the ${side} run is partial (${r.stoppedBy ?? 'interrupted'}): strategies it did not reach are missing`);
  return out;
}

const machineLabel = (m: Result['machine']): string =>
  `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 1024 ** 3).toFixed(0)} GiB, ${m.os}`;

/** Differences a reader should weigh before trusting a small delta; never a reason to refuse. */
export function caveats(base: Result, head: Result): string[] {
  const out: string[] = [];
  if (machineLabel(base.machine) !== machineLabel(head.machine) || base.machine.hostname !== head.machine.hostname) {
    out.push(
      `different machines (base ${base.machine.hostname}: ${machineLabel(base.machine)}; head ${head.machine.hostname}: ${machineLabel(head.machine)}) — deltas include the hardware`,
    );
  }
  const b = upServers(base);
  const h = upServers(head);
  for (const [need, server] of b) {
    const other = h.get(need);
    if (other !== undefined && other !== server && serverKind(server) === serverKind(other)) {
      out.push(`different ${need} server version (base ${server}, head ${other})`);
    }
  }
  if (base.versions.node !== head.versions.node) out.push(`different Node.js (base ${base.versions.node}, head ${head.versions.node})`);
  if (base.infra.provider !== head.infra.provider)
    out.push(`different infra provider (base ${base.infra.provider}, head ${head.infra.provider})`);
  for (const [side, r] of [['base', base] as const, ['head', head] as const]) {
    if (r.git.dirty) out.push(`${side} ran on a working tree with uncommitted changes (${r.git.sha.slice(0, 7)} + edits)`);
  }
  return out;
}
