// Result files are written atomically (temp file, then a hard link that fails if the name exists): a reader never
// sees half a file, and an existing result is never overwritten.
import { linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Result } from './schema.ts';

export function resultFileName(r: Result): string {
  const time = r.startedAt.replace(/[:.]/g, '-');
  return `${time}_${r.git.sha.slice(0, 12)}${r.partial ? '.partial' : ''}.json`;
}

export function writeResult(dir: string, result: Result): string {
  const checked = Result.parse(result);
  mkdirSync(dir, { recursive: true });
  const base = resultFileName(checked);
  const tmp = join(dir, `.${base}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(checked, null, 1) + '\n');
  try {
    for (let n = 0; ; n++) {
      const file = join(dir, n === 0 ? base : base.replace(/\.json$/, `-${n}.json`));
      try {
        linkSync(tmp, file);
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw e;
      }
    }
  } finally {
    unlinkSync(tmp);
  }
}
