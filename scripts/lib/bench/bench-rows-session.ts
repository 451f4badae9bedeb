/**
 * A database benchmark's session against the running stack: refuse a database with
 * the user's own hotels unless --yes, clear rows an interrupted earlier run left,
 * commit N rows in one statement and time them into search (counted by city_key in
 * the index's read name, both from the typed config), run the measurement, then
 * delete the rows and wait until search has dropped them too, so the stack is left
 * as found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import mysql, { type Connection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import type { ClientSettings } from '../platform-client/client-settings.ts';
import { uniqueToken } from '../platform-client/client-settings.ts';
import { sampleHotels } from '../seed/sample-hotels.ts';
import { errorText } from '../text.ts';
import type { Output } from '../ui/output.ts';
import { notReady, ready } from '../wait/poll.ts';
import { within } from '../wait/within.ts';
import { benchCity, benchRowsQuery, deleteRowsStatement, insertRowsStatement, leftoverRowsStatement, sampleHotelsOf, userRowsStatement } from './bench-rows.ts';

export interface LoadedRows {
  rows: number;
  insertSeconds: number;
  /** From the commit until every row is searchable. */
  searchableSeconds: number;
}

export interface BenchSession {
  settings: ClientSettings;
  rows: number;
  yes: boolean;
  out: Output;
  /** What the benchmark adds, for the warning ("adds 100,000 rows …"). */
  purpose: string;
}

export const rowsPerSecond = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en-US');
export const count = (n: number) => n.toLocaleString('en-US');

export async function withBenchRows<T>(session: BenchSession, measure: (loaded: LoadedRows) => Promise<T>): Promise<T> {
  const { settings, rows, out } = session;
  const db = await mysql.createConnection({ ...settings.mysql, connectTimeout: 3_000 }).catch((error: unknown) => {
    throw new UserError(`the database at 127.0.0.1:${settings.mysql.port} is not reachable: ${errorText(error)}`, 'start the stack with `npm run up`', { cause: error });
  });
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 0, requestTimeout: 10_000 });
  const city = benchCity(uniqueToken(Math.random, Date.now(), ''));
  try {
    await refuseUserData(db, session);
    const [leftover] = await db.query<ResultSetHeader>(leftoverRowsStatement().sql, leftoverRowsStatement().values);
    if (leftover.affectedRows > 0) out.line(`removed ${count(leftover.affectedRows)} rows an interrupted earlier benchmark left`);
    out.line(`adding ${count(rows)} hotels (city ${city}) to the database and search; they are deleted afterwards`);
    try {
      return await measure(await loadRows(db, elastic, settings, rows, city, out));
    } finally {
      // Also after a failed or timed-out load: whatever was committed goes again.
      await removeRows(db, elastic, settings, rows, city, out).catch((error: unknown) => {
        out.line(out.yellow(`could not confirm the benchmark rows are gone: ${errorText(error)}; the next benchmark run removes what is left`));
      });
    }
  } finally {
    await Promise.allSettled([db.end(), elastic.close()]);
  }
}

async function refuseUserData(db: Connection, { yes, rows, purpose }: BenchSession): Promise<void> {
  if (yes) return;
  const samples = [...sampleHotelsOf(readFileSync(join(paths.repoRoot, 'mysql', 'sample-data', 'hotels.sql'), 'utf8')), ...sampleHotels];
  const { sql, values } = userRowsStatement(samples);
  const [[result]] = await db.query<RowDataPacket[]>(sql, values);
  const users = Number(result?.n ?? 0);
  if (users > 0) {
    throw new UserError(
      `the database holds ${count(users)} hotel(s) of your own; ${purpose} adds ${count(rows)} rows to it and to search, then deletes them (yours are not touched)`,
      'run it on a fresh stack (`npm run reset`, then `npm run up`), or add `-- --yes` to go ahead on this one',
    );
  }
}

async function loadRows(db: Connection, elastic: Client, settings: ClientSettings, rows: number, city: string, out: Output): Promise<LoadedRows> {
  const insert = insertRowsStatement(rows, city);
  const started = performance.now();
  await db.query(insert.sql, insert.values);
  const committed = performance.now();
  out.line(`inserted ${count(rows)} rows in one statement in ${seconds(committed - started)}`);
  await waitForCount(elastic, settings.searchIndex, city, rows, rows, out);
  return { rows, insertSeconds: (committed - started) / 1000, searchableSeconds: (performance.now() - committed) / 1000 };
}

async function removeRows(db: Connection, elastic: Client, settings: ClientSettings, rows: number, city: string, out: Output): Promise<void> {
  const remove = deleteRowsStatement(city);
  await db.query(remove.sql, remove.values);
  const committed = performance.now();
  await waitForCount(elastic, settings.searchIndex, city, 0, rows, out);
  const took = (performance.now() - committed) / 1000;
  out.line(`deleted the ${count(rows)} rows; gone from search ${took.toFixed(1)} s after the commit (${rowsPerSecond(rows, took)} rows/s)`);
}

/**
 * Polls the index's count of the benchmark's city until it is `target`. The budget
 * grows with the rows in flight: a minute plus 2 ms a row (200 s for 100,000, a
 * pipeline 25 times slower than the 8,000 rows/s it should keep).
 */
function waitForCount(elastic: Client, index: string, city: string, target: number, inFlight: number, out: Output): Promise<number> {
  return within(
    `${count(target)} benchmark rows in ${index}`,
    async () => {
      try {
        const { count: found } = await elastic.count({ index, query: benchRowsQuery(city) });
        out.status(`${count(found)} of the benchmark rows in search, waiting for ${count(target)}`);
        return found === target ? ready(found) : notReady(`${count(found)} in search`);
      } catch (error) {
        return notReady(errorText(error));
      }
    },
    { budgetMs: 60_000 + inFlight * 2, intervalMs: 100 },
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
