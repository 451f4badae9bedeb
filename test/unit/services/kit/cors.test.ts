import { describe, expect, it } from 'vitest';
import { createCorsPolicy, decideCors } from '../../../../services/kit/cors.ts';

describe('decideCors', () => {
  const policy = createCorsPolicy(['http://localhost:3000/', 'https://app.example']);
  const request = (origin: string | undefined, method = 'GET', preflight = false) => ({ origin, method, preflight });

  it('leaves requests without Origin alone', () => {
    expect(decideCors(policy, request(undefined, 'POST'))).toEqual({ kind: 'not-cors', headers: { Vary: 'Origin' } });
  });

  it('echoes an allowed origin, with preflight headers only on preflight', () => {
    const simple = decideCors(policy, request('http://localhost:3000'));
    expect(simple.kind).toBe('allowed');
    expect(simple.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(simple.headers['Access-Control-Allow-Methods']).toBeUndefined();
    expect(decideCors(policy, request('https://app.example', 'PUT', true)).headers['Access-Control-Allow-Methods']).toContain('PUT');
  });

  it("allows a service's own request headers and exposes its own response headers, beside the kit's", () => {
    const booking = createCorsPolicy(['https://app.example'], { allowHeaders: ['X-Booking-Pin'], exposeHeaders: ['Retry-After'] });
    const answer = decideCors(booking, request('https://app.example', 'GET', true));
    expect(answer.headers['Access-Control-Allow-Headers']).toBe('Content-Type, X-Request-ID, X-Booking-Pin');
    expect(answer.headers['Access-Control-Expose-Headers']).toBe('X-Served-By, X-Request-ID, Location, Retry-After');
    expect(decideCors(policy, request('https://app.example', 'GET', true)).headers['Access-Control-Allow-Headers']).toBe('Content-Type, X-Request-ID');
  });

  it('denies other origins, naming the setting that allows them', () => {
    const denied = decideCors(policy, request('https://evil.example', 'POST', true));
    expect(denied).toMatchObject({ kind: 'denied', reason: 'origin https://evil.example is not allowed; add it to CORS_ORIGINS in .env' });
  });

  describe('with *', () => {
    const anyReads = createCorsPolicy(['*', 'https://app.example']);

    it('lets any origin read, answering with Allow-Origin *', () => {
      const read = decideCors(anyReads, request('https://anything.example'));
      expect(read.kind).toBe('allowed');
      expect(read.headers['Access-Control-Allow-Origin']).toBe('*');
      const preflight = decideCors(anyReads, request('https://anything.example', 'GET', true));
      expect(preflight.headers['Access-Control-Allow-Methods']).toBe('GET, HEAD, OPTIONS');
    });

    it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s from an origin it does not list, as request and as preflight', (method) => {
      for (const preflight of [false, true]) {
        const decision = decideCors(anyReads, request('https://anything.example', method, preflight));
        expect(decision.kind).toBe('denied');
        expect(decision.kind === 'denied' && decision.reason).toContain('list https://anything.example in CORS_ORIGINS');
      }
    });

    it('still lets a listed origin write', () => {
      expect(decideCors(anyReads, request('https://app.example', 'DELETE')).headers['Access-Control-Allow-Origin']).toBe('https://app.example');
    });
  });
});
