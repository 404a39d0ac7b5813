// A COPY of one table on its own connection, fed while the rows are generated: the generator (this process) and the
// server's parsing and inserting (another core) overlap, and no table is ever held in memory whole.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
export function copyField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** ~256 KiB per write: large enough that stream overhead vanishes, small enough to keep both sides busy. */
const FLUSH_AT = 256 * 1024;

export class CopySink {
  private buf = '';
  private readonly stream: NodeJS.WritableStream;
  private readonly done: Promise<void>;
  rows = 0;

  private constructor(
    private readonly client: pg.Client,
    table: string,
    columns: string[],
  ) {
    // FREEZE: the table was truncated in this transaction, so the rows can be written frozen and all-visible; the
    // VACUUM (FREEZE) after seeding then has nothing to rewrite, and no first reader sets hint bits.
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FREEZE)`));
    this.done = finished(this.stream);
    this.done.catch(() => {}); // awaited in end(); an early failure also surfaces at the next write
  }

  /** Opens a connection, truncates `table` and starts a COPY into it, all in one transaction. */
  static async open(url: string, table: string, columns: string[]): Promise<CopySink> {
    const client = new pg.Client({ connectionString: url });
    // A server stopped under a seed (Ctrl-C, a crash) fails the pending query; unheard, the client's own 'error'
    // event would end the process before the run's cleanup and its exit code.
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`TRUNCATE ${table}`);
      return new CopySink(client, table, columns);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  }

  async row(fields: Array<string | number>): Promise<void> {
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i ? '\t' : '') + copyField(fields[i] as string | number);
    this.buf += line + '\n';
    this.rows++;
    if (this.buf.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buf;
    this.buf = '';
    if (chunk && !this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Ends the COPY and commits; the connection is closed either way. */
  async end(): Promise<void> {
    try {
      await this.flush();
      this.stream.end();
      await this.done;
      await this.client.query('COMMIT');
    } finally {
      await this.client.end().catch(() => {});
    }
  }

  /** Abandons the COPY: the transaction rolls back when the connection closes. */
  async abort(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
