import { describe, expect, it } from 'vitest';
import { engineOfVersion } from '../../../../services/catalog-api/database-engine.ts';

describe('engineOfVersion', () => {
  it("tells MariaDB from MySQL by what the server's VERSION() answers", () => {
    expect(engineOfVersion('11.8.3-MariaDB-ubu2404')).toBe('MariaDB');
    expect(engineOfVersion('10.11.6-MariaDB-0+deb12u1-log')).toBe('MariaDB');
    expect(engineOfVersion('8.4.6')).toBe('MySQL');
  });
});
