// Reads result files for `report` and `compare`: any problem (unreadable, truncated, wrong version, invalid) is a
// ConfigError naming the file and the first problem, never a stack trace.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { Result, SCHEMA_VERSION } from './schema.ts';

export function parseResult(text: string, file: string): Result {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (truncated or corrupt?): ${(e as Error).message}`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new ConfigError(`${file}: result schema version ${String(version)} is not supported (this accessbench reads version ${SCHEMA_VERSION})`);
  }
  const parsed = Result.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: invalid result file: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`);
  }
  return parsed.data;
}

export function readResult(file: string): Result {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseResult(text, file);
}
