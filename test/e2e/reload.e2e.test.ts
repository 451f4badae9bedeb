/**
 * Issue 23, a saved change live without a dropped request, both ways, with a read and a
 * write loop through HAProxy the whole time:
 * - `npm run dev`: a real edit of catalog-api's source (its reload marker), saved while
 *   `dev` runs, is live on both replicas without a rebuild, the replicas restarted one at
 *   a time (twice: the edit, then the file put back); Ctrl-C stops watching and leaves
 *   the stack running;
 * - `npm run up` after an edit: the image is rebuilt, db-setup (same image) runs alone
 *   first, and the replicas are replaced one at a time. Before, `up` recreated both at
 *   once: with the same loop 11 of 888 reads failed (503s, a reset).
 * The working tree is put back in every case (afterAll).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { editReloadMarker, type MarkerEdit } from '../../scripts/lib/bench/reload-marker-file.ts';
import { describeTally, startLoop } from '../../scripts/lib/bench/traffic-loop.ts';
import { createApiClient } from '../../scripts/lib/platform-client/api-client.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, createHotel, type Hotel } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { runCli, startCli, type RunningCli } from './support/run-cli.ts';
import { containers, urls } from './support/running-stack.ts';

let edit: MarkerEdit | undefined;
let hotel: Hotel | undefined;
let dev: RunningCli | undefined;
const base = () => urls().api;

beforeAll(async () => {
  await borrowStack();
}, 600_000);

afterAll(async () => {
  // The working tree as it was, whatever happened above.
  edit?.restore();
  if (dev && dev.child.exitCode === null) {
    dev.child.kill('SIGINT');
    await dev.done;
  }
  if (hotel) await api(base(), 'DELETE', `/api/hotels/${hotel.id}`);
}, 600_000);

/** Both replicas answer GET /api/info with this marker. */
async function bothReplicasShow(marker: string): Promise<Record<string, string | null>> {
  const seen = new Map<string, string | null>();
  await eventually('both replicas answered GET /api/info', async () => {
    const response = await fetch(`${base()}/api/info`);
    await response.body?.cancel();
    seen.set(response.headers.get('x-served-by') ?? '?', response.headers.get('x-reload-marker'));
    return seen.get('catalog-api-1') === marker && seen.get('catalog-api-2') === marker ? true : undefined;
  }, { budgetMs: 10_000, intervalMs: 20 });
  return Object.fromEntries(seen);
}

test('a saved edit to catalog-api is live through npm run dev, replicas one at a time, without one failed read or write', { timeout: 600_000 }, async () => {
  hotel ??= await createHotel(base(), { name: 'Reload loop', city: 'Ghent', stars: 3 });
  const created = new Map(containers().map((c) => [c.service, c.id]));
  dev = startCli(['dev', '--no-web'], { processGroup: true });
  await dev.outputMatches(/watching services\//);

  const client = createApiClient(base(), fetch, 10_000);
  const id = hotel.id;
  const reads = startLoop('reads', client, () => ({ method: 'GET', path: `/api/hotels/${id}`, expect: 200 }));
  const writes = startLoop('writes', client, (i) => ({ method: 'PUT', path: `/api/hotels/${id}`, body: { name: `Dev loop ${i}`, city: 'Ghent', stars: 3 }, expect: 200 }));

  const marker = `dev-${Date.now()}`;
  edit = editReloadMarker();
  const saved = performance.now();
  edit.set(marker);
  await dev.outputMatches(/^catalog-api reloaded in .+$/m);
  expect(await bothReplicasShow(marker)).toMatchObject({ 'catalog-api-1': marker, 'catalog-api-2': marker });
  console.log(`save → both replicas live: ${((performance.now() - saved) / 1000).toFixed(2)} s`);

  // Put back while dev watches: reloaded again, so the stack runs the source as in git.
  edit.restore();
  await dev.outputMatches(/^catalog-api reloaded in [^\n]+\n[\s\S]*^catalog-api reloaded in /m);
  expect(await bothReplicasShow('unchanged')).toMatchObject({ 'catalog-api-1': 'unchanged', 'catalog-api-2': 'unchanged' });

  const tallies = [await reads.stop(), await writes.stop()];
  console.log(`during two reloads through npm run dev: ${tallies.map(describeTally).join('; ')}`);
  for (const tally of tallies) expect(tally.sent).toBeGreaterThan(50);
  expect(tallies.map(describeTally)).toEqual(tallies.map((tally) => `${tally.name}: 0 of ${tally.sent} failed`));

  // Restarted, not rebuilt or recreated: the same containers, and no image build.
  expect(new Map(containers().map((c) => [c.service, c.id]))).toEqual(created);
  expect(dev.child.exitCode).toBeNull();

  process.kill(-dev.child.pid!, 'SIGINT');
  const ended = await dev.done;
  expect(ended.code, ended.output).toBe(0);
  expect(ended.output).toContain('stopped watching. The stack keeps running');
  expect(containers().find((c) => c.service === 'catalog-api-1')?.running).toBe(true);
});

test('an edit to catalog-api goes live through `npm run up` without one failed read or write', { timeout: 600_000 }, async () => {
  hotel ??= await createHotel(base(), { name: 'Reload loop', city: 'Ghent', stars: 3 });
  const marker = `e2e-${Date.now()}`;
  edit = editReloadMarker();
  edit.set(marker);

  const client = createApiClient(base(), fetch, 10_000);
  const id = hotel.id;
  const reads = startLoop('reads', client, () => ({ method: 'GET', path: `/api/hotels/${id}`, expect: 200 }));
  const writes = startLoop('writes', client, (i) => ({ method: 'PUT', path: `/api/hotels/${id}`, body: { name: `Reload loop ${i}`, city: 'Ghent', stars: 3 }, expect: 200 }));
  const up = await runCli(['up']);
  const tallies = [await reads.stop(), await writes.stop()];
  console.log(`during npm run up (${up.seconds.toFixed(1)} s): ${tallies.map(describeTally).join('; ')}`);

  expect(up.code, up.output).toBe(0);
  // db-setup runs the same image: recreated in the whole `compose up`, Compose recreated
  // both replicas with it (264 of 1926 reads failed before it ran alone, first).
  expect(up.output).toMatch(/db-setup ran first, alone/);
  expect(up.output).toMatch(/catalog-api-1 replaced: drained, recreated and UP in HAProxy/);
  expect(up.output).toMatch(/catalog-api-2 replaced: drained, recreated and UP in HAProxy/);
  // Enough requests to have crossed both replacements (each takes seconds).
  for (const tally of tallies) expect(tally.sent).toBeGreaterThan(100);
  expect(tallies.map(describeTally)).toEqual(tallies.map((tally) => `${tally.name}: 0 of ${tally.sent} failed`));

  // Live on both replicas: each answers with the new marker.
  expect(await bothReplicasShow(marker)).toMatchObject({ 'catalog-api-1': marker, 'catalog-api-2': marker });
});
