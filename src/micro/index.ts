// Micro-benchmarks of in-process costs (tinybench): row mapping, serialization and Mongoose hydration, on identical
// rows from the deterministic dataset. They explain part of the gap between strategies that issue the same queries;
// they never touch a database. `npx tsx src/micro/index.ts [--quick]` prints the table.
import { fileURLToPath } from 'node:url';
import { formatMicroTable, resolveMicroOptions, timeGroups, type MicroGroup, type MicroOptions, type MicroResult } from './bench.ts';
import { hydrationGroup } from './hydration.ts';
import { allCapturedQueries, prismaReplay, rowMappingGroup, type PrismaReplay } from './row-mapping.ts';
import { serializationGroup } from './serialization.ts';

export type { MicroOptions, MicroResult };
export { formatMicroTable };

/** Every group, in the order they run and are reported. */
export const microGroups = (replay: PrismaReplay): MicroGroup[] => [rowMappingGroup(replay), serializationGroup(), hydrationGroup()];

/** Runs every group: each checks that the paths it compares agree, then everything is timed, one benchmark at a time. */
export async function runMicro(opts: MicroOptions = {}): Promise<MicroResult[]> {
  const replay = prismaReplay(allCapturedQueries());
  try {
    const groups = microGroups(replay);
    for (const g of groups) await g.check();
    return await timeGroups(groups, resolveMicroOptions(opts));
  } finally {
    await replay.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMicro({ quick: process.argv.includes('--quick') })
    .then((r) => console.log(formatMicroTable(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
