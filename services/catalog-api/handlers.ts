/**
 * What each route does, free of HTTP plumbing: a handler gets the parsed
 * request and returns status + JSON body, or throws HttpError.
 * Storage and search are injected, so tests use in-memory fakes.
 */
import type { Logger } from '../kit/logger.ts';
import type { ApiInfo, DatabaseEngine } from './database-engine.ts';
import { probeDependency } from './dependency-health.ts';
import { HttpError } from '../kit/http-error.ts';
import { parseHotelId, validateHotelInput } from './hotel-input.ts';
import type { HotelSearch } from './hotel-search.ts';
import type { HotelStore } from './hotel-store.ts';
import type { RouteName } from './routes.ts';
import { parseSearchParams } from './search-params.ts';
import { RELOAD_MARKER } from './reload-marker.ts';

export interface HandlerRequest {
  params: string[];
  query: URLSearchParams;
  /** The parsed JSON body (the kit checked its type and size). */
  body: unknown;
}

export interface HandlerResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: HandlerRequest) => Promise<HandlerResponse>;

export interface HandlerDeps {
  store: HotelStore;
  search: HotelSearch;
  /** Which server the database is (asked of the server, not configured): the page names it. */
  databaseEngine: () => Promise<DatabaseEngine>;
  serviceName: string;
  isDraining: () => boolean;
  log: Logger;
  /** Set when the stack runs without search (a profile left Elasticsearch out): why, and how to start it. */
  searchOff?: string;
}

export function createHandlers(deps: HandlerDeps): Record<RouteName, Handler> {
  const { store, search, serviceName } = deps;

  return {
    // Readiness: both dependencies answer, or search is off by the profile and not expected.
    // (Liveness, /healthz, is the kit's.)
    apiHealth: async () => {
      const [database, elasticsearch] = await Promise.all([
        probeDependency('database', () => store.ping(), deps.log),
        deps.searchOff === undefined ? probeDependency('elasticsearch', () => search.ping(), deps.log) : Promise.resolve('off' as const),
      ]);
      const ok = database === 'ok' && (elasticsearch === 'ok' || elasticsearch === 'off') && !deps.isDraining();
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', service: serviceName, database, elasticsearch } };
    },

    // What the page tells its users about the platform: only names, no addresses or versions.
    info: async () => {
      const body: ApiInfo = { database: { engine: await deps.databaseEngine() } };
      return { status: 200, body, headers: { 'X-Reload-Marker': RELOAD_MARKER } };
    },

    createHotel: async (req) => {
      const hotel = await store.create(validBody(req.body));
      return { status: 201, body: hotel, headers: { Location: `/api/hotels/${hotel.id}` } };
    },

    getHotel: async (req) => ({ status: 200, body: orNotFound(await store.get(idOf(req)), req) }),

    replaceHotel: async (req) => {
      const id = idOf(req);
      const input = validBody(req.body);
      return { status: 200, body: orNotFound(await store.replace(id, input), req) };
    },

    deleteHotel: async (req) => {
      if (!(await store.remove(idOf(req)))) throw notFound(req);
      return { status: 204 };
    },

    search: async (req) => {
      // Not "unavailable, retry shortly": nothing will start it until the user does.
      if (deps.searchOff !== undefined) throw new HttpError(503, 'search_off', deps.searchOff);
      const params = parseSearchParams(req.query);
      if (!params.ok) throw new HttpError(400, 'invalid_query', 'invalid search parameters', params.errors);
      return { status: 200, body: await search.search(params.value) };
    },
  };
}

function validBody(body: unknown) {
  const result = validateHotelInput(body);
  if (!result.ok) throw new HttpError(400, 'validation_failed', 'the hotel has invalid fields', result.errors);
  return result.value;
}

function idOf(req: HandlerRequest): number {
  const raw = req.params[0] ?? '';
  const id = parseHotelId(raw);
  if (id === undefined) {
    throw new HttpError(400, 'invalid_id', 'hotel id must be a positive integer', [
      { field: 'id', message: `must be a positive integer (got "${raw}")` },
    ]);
  }
  return id;
}

function orNotFound<T>(value: T | undefined, req: HandlerRequest): T {
  if (value === undefined) throw notFound(req);
  return value;
}

function notFound(req: HandlerRequest): HttpError {
  return new HttpError(404, 'not_found', `no hotel with id ${req.params[0]}`);
}
