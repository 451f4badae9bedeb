/**
 * The image's HEALTHCHECK: `node services/dist/lib/healthcheck.js`.
 * One image serves both services, so the port comes from the environment:
 * HEALTH_PORT (search-indexer) or PORT (catalog-api). Uses Node's built-in fetch,
 * so the slim image needs no curl.
 */
const port = process.env.HEALTH_PORT ?? process.env.PORT ?? '3000';

try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
  process.exitCode = response.ok ? 0 : 1;
} catch (error) {
  console.error(`healthcheck: GET http://127.0.0.1:${port}/healthz failed: ${String(error)}`);
  process.exitCode = 1;
}
