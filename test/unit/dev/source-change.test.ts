import { describe, expect, it } from 'vitest';
import { classifyChange } from '../../../scripts/lib/dev/source-change.ts';

describe('classifyChange', () => {
  it("takes a service's TypeScript as code of its folder", () => {
    expect(classifyChange('services/catalog-api/handlers.ts')).toEqual({ kind: 'code', path: 'services/catalog-api/handlers.ts', folder: 'catalog-api' });
    expect(classifyChange('services\\kit\\grpc\\grpc-server.ts')).toEqual({ kind: 'code', path: 'services/kit/grpc/grpc-server.ts', folder: 'kit' });
  });

  it('rebuilds for what a push cannot carry: dependencies, the compiler settings, proto/, mysql/', () => {
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'services/tsconfig.json', 'proto/booking/v1/inventory.proto', 'mysql/migrations/007-x.sql', 'compose/services.Dockerfile']) {
      expect(classifyChange(path).kind, path).toBe('rebuild');
    }
  });

  it('ignores build output, generated code, tests, editor files and everything else', () => {
    for (const path of ['services/dist/catalog-api/main.js', 'services/lib/gen/booking/v1/inventory_pb.ts', 'services/catalog-api/handlers.test.ts', 'services/catalog-api/.handlers.ts.swp', 'services/catalog-api/4913', 'services/README.md', 'web/src/app.tsx', 'README.md', 'compose/compose.yaml']) {
      expect(classifyChange(path).kind, path).toBe('ignored');
    }
  });
});
