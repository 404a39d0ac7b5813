// Reads result files for `report` and `compare`: any problem (unreadable, truncated, wrong version, invalid) is a
// ConfigError naming the file and the first problem, never a stack trace.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { Result, SCHEMA_VERSION } from './schema.ts';

/** The CLI prints one line: line breaks from the file (V8 quotes the broken text, keys can hold "\n") are escaped. */
const problem = (message: string): ConfigError => new ConfigError(message.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));

/** A value from the file, shown short; String() would throw on an object whose own "toString" is not a function. */
function shown(v: unknown): string {
  const s = v === undefined ? 'undefined' : (JSON.stringify(v) ?? 'undefined');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function parseResult(text: string, file: string): Result {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw problem(`${file}: not valid JSON (truncated or corrupt?): ${(e as Error).message}`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw problem(`${file}: result schema version ${shown(version)} is not supported (this accessbench reads version ${SCHEMA_VERSION})`);
  }
  const parsed = Result.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw problem(
      `${file}: invalid result file: ${issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'unknown problem'}`,
    );
  }
  return parsed.data;
}

export function readResult(file: string): Result {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw problem(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseResult(text, file);
}
