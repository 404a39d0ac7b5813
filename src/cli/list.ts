// `accessbench list`: scenarios and their strategies, with technique, client and needs.
import { loadStrategy, scenarioNames, loadScenario } from '../core/registry.ts';
import { runInOf } from '../core/scenario.ts';
import { writeLoadOf } from '../runner/write-load.ts';

export async function listCommand(json: boolean): Promise<string> {
  const out: Array<{
    scenario: string;
    route: string;
    runIn: readonly string[] | null;
    strategies: Array<{ name: string; technique: string; client: string; needs: string[]; runIn: readonly string[] | null }>;
  }> = [];
  for (const name of scenarioNames()) {
    const sc = await loadScenario(name);
    const strategies = [];
    for (const s of Object.keys(sc.strategies)) {
      const { strategy } = await loadStrategy(name, s);
      strategies.push({
        name: s,
        technique: strategy.technique,
        client: strategy.client,
        needs: [...strategy.needs],
        runIn: runInOf(sc, s, strategy).runIn ?? null,
      });
    }
    // A write-only scenario is named by its write's route, as its results are.
    const route = writeLoadOf(sc, {}).ratio >= 1 && sc.writes ? sc.writes.route : sc.route;
    out.push({ scenario: name, route: `${route.method} ${route.path}`, runIn: sc.runIn ?? null, strategies });
  }
  if (json) return JSON.stringify(out, null, 2);
  // Contenders on database variants (`pg-naive@no-fk-indexes`) are longer than plain names: the column widens.
  const width = Math.max(22, ...out.flatMap((s) => s.strategies.map((t) => t.name.length)));
  return out
    .map((s) => {
      return [
        `${s.scenario}  ${s.route}${only(s.runIn)}`,
        ...s.strategies.map(
          (t) => `  ${t.name.padEnd(width)} ${t.technique.padEnd(13)} ${t.client.padEnd(9)} needs ${t.needs.join(', ')}${only(t.runIn)}`,
        ),
      ].join('\n');
    })
    .join('\n\n');
}

/** "  (runs in: full)" for what a profile's run leaves out unless named. */
function only(runIn: readonly string[] | null): string {
  return runIn ? `  (runs in: ${runIn.join(', ')}; any profile when named)` : '';
}
