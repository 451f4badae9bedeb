import { describe, expect, it } from 'vitest';
import { createCorsPolicy, decideCors } from '../../../../services/catalog-api/cors.ts';

describe('decideCors', () => {
  const policy = createCorsPolicy(['http://localhost:3000/', 'https://app.example']);

  it('leaves requests without Origin alone', () => {
    expect(decideCors(policy, undefined, false)).toEqual({ kind: 'not-cors', headers: { Vary: 'Origin' } });
  });

  it('echoes an allowed origin, with preflight headers only on preflight', () => {
    const simple = decideCors(policy, 'http://localhost:3000', false);
    expect(simple.kind).toBe('allowed');
    expect(simple.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(simple.headers['Access-Control-Allow-Methods']).toBeUndefined();
    expect(decideCors(policy, 'https://app.example', true).headers['Access-Control-Allow-Methods']).toContain('PUT');
  });

  it('denies other origins', () => {
    expect(decideCors(policy, 'https://evil.example', true).kind).toBe('denied');
  });

  it('allows any origin with *', () => {
    const decision = decideCors(createCorsPolicy(['*']), 'https://anything.example', false);
    expect(decision.headers['Access-Control-Allow-Origin']).toBe('*');
  });
});
