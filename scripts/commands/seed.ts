/**
 * `npm run seed`: adds the sample hotels of scripts/lib/seed/sample-hotels.ts through
 * the API (HAProxy on HTTP_PORT), skipping any already searchable under the same
 * name and city, so running it twice does not duplicate them.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { UserError } from '../lib/errors.ts';
import { createOutput } from '../lib/ui/output.ts';
import { createApiClient, describeResponse, searchPath, type SearchAnswer } from '../lib/platform-client/api-client.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { sameHotel, sampleHotels } from '../lib/seed/sample-hotels.ts';

export const command = defineCommand({
  summary: 'adds the sample hotels through the API, skipping those already there',
  usage: 'npm run seed',
  options: {},
  run: () => seed(),
});

async function seed(): Promise<void> {
  const out = createOutput();
  const { settings } = loadClientSettings();
  const api = createApiClient(settings.apiUrl);
  let created = 0;
  for (const hotel of sampleHotels) {
    const found = await api.request('GET', searchPath(hotel.name)).catch((error: unknown) => {
      throw new UserError(`the API at ${settings.apiUrl} is not reachable: ${(error as Error).message}`, 'start the stack with `npm run up`');
    });
    if (found.status === 200 && (found.body as SearchAnswer).hits.some((hit) => sameHotel(hit, hotel))) {
      out.line(out.dim(`exists   ${hotel.name}, ${hotel.city}`));
      continue;
    }
    const response = await api.request('POST', '/api/hotels', hotel);
    if (response.status !== 201) {
      throw new UserError(`creating "${hotel.name}" failed: ${describeResponse(response)}`, 'check `npm run status` and `npm run logs catalog-api-1`');
    }
    created++;
    out.line(`created  ${hotel.name}, ${hotel.city} (id ${(response.body as { id: number }).id})`);
  }
  out.line(`\n${created} hotel(s) created, ${sampleHotels.length - created} already there. They are searchable within a few seconds.`);
}
