import { describe, expect, it } from 'vitest';
import { requestIdOf } from '../../../../services/kit/request-id.ts';

describe('requestIdOf', () => {
  it("keeps a UUID (the edge's shape) as it came", () => {
    expect(requestIdOf('0B4E2A8C-5F1D-4C3E-9A7B-2D6F8E1C4A90', () => 'new')).toBe('0B4E2A8C-5F1D-4C3E-9A7B-2D6F8E1C4A90');
  });

  it('generates one when the header is missing, free text or repeated', () => {
    expect(requestIdOf(undefined, () => 'new')).toBe('new');
    expect(requestIdOf('req-1\r\nX: y', () => 'new')).toBe('new');
    expect(requestIdOf('0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a90, 0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a91', () => 'new')).toBe('new');
    expect(requestIdOf(['0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a90', '0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a91'], () => 'new')).toBe('new');
  });

  it('generates UUIDs by default', () => {
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
