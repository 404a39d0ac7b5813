// The `accessbench` command (bin/accessbench.js and `npm run bench` run this file): src/cli/main.ts with the
// process's arguments.
import { runCli } from './cli/main.ts';

await runCli(process.argv.slice(2));
