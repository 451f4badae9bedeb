import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import { programsConcerned, servicePrograms } from '../../../scripts/lib/dev/service-programs.ts';

const kit = ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/3000'];
const model: ComposeModel = {
  services: {
    haproxy: { image: 'haproxy:3.2' },
    'db-setup': { command: ['node', 'services/dist/db-setup/main.js'], healthcheck: { disable: true } },
    'catalog-api-1': { command: ['node', 'services/dist/catalog-api/main.js'], healthcheck: { test: kit } },
    'catalog-api-2': { command: ['node', 'services/dist/catalog-api/main.js'], healthcheck: { test: kit } },
    booking: { command: ['node', 'services/dist/booking/main.js'], healthcheck: { test: kit } },
    'object-store-init': { command: ['node', 'services/dist/images/create-bucket.js'] },
  },
};

describe('servicePrograms', () => {
  const programs = servicePrograms(model);

  it('finds each Node service, its folder, its healthcheck, and which run once', () => {
    expect(programs).toEqual([
      { service: 'db-setup', folder: 'db-setup', oneShot: true, healthcheck: undefined },
      { service: 'catalog-api-1', folder: 'catalog-api', oneShot: false, healthcheck: kit },
      { service: 'catalog-api-2', folder: 'catalog-api', oneShot: false, healthcheck: kit },
      { service: 'booking', folder: 'booking', oneShot: false, healthcheck: kit },
      { service: 'object-store-init', folder: 'images', oneShot: true, healthcheck: undefined },
    ]);
  });

  it("concerns a folder's services, and every service for kit/ or lib/", () => {
    expect(programsConcerned(programs, ['catalog-api']).map((p) => p.service)).toEqual(['catalog-api-1', 'catalog-api-2']);
    expect(programsConcerned(programs, ['kit'])).toEqual(programs);
    expect(programsConcerned(programs, ['payment'])).toEqual([]);
  });
});
