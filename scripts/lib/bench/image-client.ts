/**
 * The image bench's HTTP client: node:http over one keep-alive connection to HAProxy, so a
 * warm figure is HAProxy's cache and the loopback, not a new TCP handshake per request
 * (a browser keeps its connection too). Times each request from sending to its last byte.
 */
import { Agent, request } from 'node:http';
import type { FetchImage, ImageFetch } from './image-bench.ts';

export interface ImageClient {
  get: FetchImage;
  /** POST of a body, for uploads: status and the parsed JSON answer. */
  post(path: string, body: Buffer, contentType: string): Promise<{ status: number; json: unknown }>;
  close(): void;
}

export function keepAliveImageClient(baseUrl: string, now: () => number = () => performance.now(), timeoutMs = 30_000): ImageClient {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  function send(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = now();
      const sent = request({ host: base.hostname, port: base.port, method, path, agent, timeout: timeoutMs, headers: body ? { 'content-length': String(body.length), ...headers } : headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), ms: now() - started }));
        response.on('error', reject);
      });
      sent.on('timeout', () => sent.destroy(new Error(`${method} ${path} took longer than ${timeoutMs} ms`)));
      sent.on('error', reject);
      sent.end(body);
    });
  }

  return {
    async get(path): Promise<ImageFetch> {
      const answer = await send('GET', path);
      const cache = answer.headers['x-cache-status'];
      return { status: answer.status, cache: Array.isArray(cache) ? cache[0] : cache, bytes: answer.body.length, ms: answer.ms };
    },
    async post(path, body, contentType) {
      const answer = await send('POST', path, body, { 'content-type': contentType });
      let json: unknown = answer.body.toString();
      try {
        json = JSON.parse(answer.body.toString());
      } catch {
        // keep the text: HAProxy's own error pages are HTML
      }
      return { status: answer.status, json };
    },
    close: () => agent.destroy(),
  };
}
