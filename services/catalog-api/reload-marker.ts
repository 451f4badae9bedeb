/**
 * A value with no meaning to the catalog, sent as the X-Reload-Marker header of
 * GET /api/info: what the reload end-to-end test and `npm run bench:reload` edit to see
 * a change to this service's source go live (rebuilt by `up`, or reloaded by `dev`).
 * Both restore it afterwards; it stays 'unchanged' in git.
 */
export const RELOAD_MARKER = 'unchanged';
