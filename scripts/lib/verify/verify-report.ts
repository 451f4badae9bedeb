/** What `npm run verify` prints: a short table for people, or one JSON object for scripts. */
import { ChecksFailed } from '../errors.ts';
import { renderTable } from '../ui/table.ts';
import { isClean, type Comparison, type DriftKind } from './compare-streams.ts';

export interface VerifyReport {
  /** The index's read name (an index or an alias). */
  index: string;
  /** false when the read name resolves to nothing: every row is then missing from search. */
  indexExists: boolean;
  database: string;
  comparison: Comparison;
  seconds: number;
}

const labels: Record<DriftKind, string> = {
  missing: 'rows missing from search',
  extra: 'documents with no row',
  differing: 'documents that differ from their row',
  unindexable: 'rows the indexer refuses',
};

export const reindexFix = 'npm run reindex rebuilds the index from the database';

export function formatReport(report: VerifyReport, limit: number): string {
  const { comparison: c } = report;
  const idsOf = (kind: DriftKind) => {
    const { count, ids } = c.drift[kind];
    const listed = ids.map((id) => describeId(c, kind, id)).join(', ');
    return count > ids.length ? `${listed}${listed ? ', ' : ''}… (${count - ids.length} more)` : listed;
  };
  const table = renderTable(
    ['', 'count', `ids (first ${limit})`],
    [
      [`rows in database ${report.database}.hotels`, String(c.rows), ''],
      [`documents in ${report.index}${report.indexExists ? '' : ' (does not exist)'}`, String(c.documents), ''],
      ...(Object.keys(labels) as DriftKind[]).map((kind) => [labels[kind], String(c.drift[kind].count), idsOf(kind)]),
    ],
  );
  // On drift the conclusion is the error the command ends with (driftError): said once, with its fix.
  return isClean(c) ? `${table}\n✔ search matches the database (${secondsOf(report)})` : table;
}

const secondsOf = (report: VerifyReport) => `${report.seconds.toFixed(1)} s`;

/** What `verify` fails with on drift (exit 1): the conclusion under the table, and the fix. */
export function driftError(report: VerifyReport): ChecksFailed | undefined {
  if (isClean(report.comparison)) return undefined;
  return new ChecksFailed(`search has drifted from the database (${secondsOf(report)}; listed above)`, reindexFix);
}

function describeId(c: Comparison, kind: DriftKind, id: number): string {
  if (kind === 'differing') return `${id} (${(c.differingFields[id] ?? []).join(' ')})`;
  if (kind === 'unindexable') return `${id} (${c.problems[id] ?? ''})`;
  return String(id);
}

/** The stable JSON shape scripts (and the console's search panel) read: `clean`, the counts, and per kind its count and first ids. */
export type VerifyJson<C extends JsonComparison = Comparison> = { clean: boolean; index: string; indexExists: boolean; database: string; rows: number; documents: number; seconds: number } & C['drift'] &
  Pick<C, 'differingFields' | 'problems'>;

/** What a comparison holds, whatever its ids: the hotels' (numbers) or date search's (strings, verify-availability.ts). */
interface JsonComparison {
  rows: number;
  documents: number;
  drift: Record<DriftKind, { count: number; ids: unknown[] }>;
  differingFields: object;
  problems: object;
}

export function reportJson<C extends JsonComparison = Comparison>(report: Omit<VerifyReport, 'comparison'> & { comparison: C }): VerifyJson<C> {
  const { comparison: c } = report;
  return {
    clean: isClean(c),
    index: report.index,
    indexExists: report.indexExists,
    database: report.database,
    rows: c.rows,
    documents: c.documents,
    ...c.drift,
    differingFields: c.differingFields,
    problems: c.problems,
    seconds: Number(report.seconds.toFixed(3)),
  };
}
