/**
 * Issue 23, "no dropped request on reload", for `npm run up` after an edit: the edit to
 * catalog-api's source rebuilds the services image, and `up` replaces the two replicas
 * behind HAProxy one at a time (drained, recreated, UP again before the next). A read
 * loop and a write loop through HAProxy run the whole time and must lose nothing, and
 * the edit must be live on both replicas. Before this, `up` recreated both at once:
 * with the same loop 11 of 888 reads failed (503s, a reset).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { editReloadMarker, type MarkerEdit } from '../../scripts/lib/bench/reload-marker-file.ts';
import { describeTally, startLoop } from '../../scripts/lib/bench/traffic-loop.ts';
import { createApiClient } from '../../scripts/lib/platform-client/api-client.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, createHotel, type Hotel } from './support/api.ts';
import { borrowStack, returnStack, type FoundStack } from './support/borrowed-stack.ts';
import { runCli } from './support/run-cli.ts';
import { urls } from './support/running-stack.ts';

let found: FoundStack | undefined;
let edit: MarkerEdit | undefined;
let hotel: Hotel | undefined;
const base = () => urls().api;

beforeAll(async () => {
  found = await borrowStack();
}, 600_000);

afterAll(async () => {
  // The source as it was; the next `up` rebuilds the image from it.
  edit?.restore();
  if (hotel) await api(base(), 'DELETE', `/api/hotels/${hotel.id}`);
  await returnStack(found);
}, 600_000);

test('an edit to catalog-api goes live through `npm run up` without one failed read or write', { timeout: 600_000 }, async () => {
  hotel = await createHotel(base(), { name: 'Reload loop', city: 'Ghent', stars: 3 });
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
  const markers = new Map<string, string | null>();
  await eventually('both replicas answered GET /api/info', async () => {
    const response = await fetch(`${base()}/api/info`);
    markers.set(response.headers.get('x-served-by') ?? '?', response.headers.get('x-reload-marker'));
    return markers.has('catalog-api-1') && markers.has('catalog-api-2') ? true : undefined;
  }, { budgetMs: 10_000, intervalMs: 50 });
  expect(Object.fromEntries(markers)).toEqual({ 'catalog-api-1': marker, 'catalog-api-2': marker });
});
