/**
 * The timeouts and health-check rhythm of haproxy/haproxy.cfg's `defaults` section,
 * so the Kubernetes ingress (haproxytech's controller, which writes its own haproxy.cfg)
 * runs with the same numbers as the compose stack.
 */
import { UserError } from '../errors.ts';

export const HAPROXY_TIMEOUTS = ['connect', 'client', 'server', 'http-request', 'http-keep-alive', 'queue', 'check'] as const;
export type HaproxyTimeout = (typeof HAPROXY_TIMEOUTS)[number];

export interface HaproxyDefaults {
  timeouts: Record<HaproxyTimeout, string>;
  /** `default-server inter`: how often a server is checked. */
  checkInterval: string;
}

/**
 * The lines of haproxy.cfg's `booking` backend that limit lookups per client address (issue 20:
 * numbers and PINs cannot be enumerated): the stick table, what is tracked, the 429s, the count
 * of misses. The controller has no annotation for them; the booking Ingress carries them as its
 * backend's own lines. The limit on new bookings (track-sc1, its own table and a variable of the
 * compose stack) is not among them: its refusal names `too_many_bookings`, not `too_many_lookups`.
 */
const LOOKUP_LIMIT_LINE = /^(stick-table|acl booking_(lookup|create)|http-request track-sc0|http-request return status 429 .*too_many_lookups|http-response sc-inc-gpc0)\b/;

export function readBookingLookupLimit(cfg: string, file = 'haproxy/haproxy.cfg'): string[] {
  const section = /^backend booking\b[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)/m.exec(cfg)?.[1];
  if (section === undefined) throw new UserError(`${file} has no \`backend booking\``, `restore ${file} from git`);
  const lines = section.split('\n').map((line) => line.trim()).filter((line) => LOOKUP_LIMIT_LINE.test(line));
  for (const needed of ['stick-table', 'http-request track-sc0', 'http-response sc-inc-gpc0']) {
    if (!lines.some((line) => line.startsWith(needed))) {
      throw new UserError(`${file}: the booking backend has no \`${needed}\` line`, 'the Kubernetes ingress copies its lookup limit from there: restore it');
    }
  }
  return lines;
}

/**
 * The pattern of haproxy.cfg's rooms route (BOOKING-UI.md): `GET /api/hotels/<id>/rooms` is the
 * booking service's, every other /api/hotels path the catalog's. An Ingress path is a prefix or an
 * exact path, neither of which can say "a number, then /rooms", so the cluster routes it by this
 * same pattern (the booking-rooms Service's route-acl, saga-services.ts).
 */
const ROOMS_ROUTE_LINE = /^\s*use_backend booking if \{ path_reg (\S+) \}\s*$/m;

export function readRoomsRoute(cfg: string, file = 'haproxy/haproxy.cfg'): string {
  const pattern = ROOMS_ROUTE_LINE.exec(cfg)?.[1];
  if (!pattern) throw new UserError(`${file} has no \`use_backend booking if { path_reg ... }\` rule for a hotel's rooms`, `restore ${file} from git: the Kubernetes ingress copies the rooms route from there`);
  return pattern;
}

export function readHaproxyDefaults(cfg: string, file = 'haproxy/haproxy.cfg'): HaproxyDefaults {
  const section = /^defaults\b[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)/m.exec(cfg)?.[1];
  if (section === undefined) throw new UserError(`${file} has no defaults section`, `restore ${file} from git`);
  const timeouts = {} as Record<HaproxyTimeout, string>;
  for (const name of HAPROXY_TIMEOUTS) {
    const value = new RegExp(`^\\s*timeout\\s+${name}\\s+(\\S+)`, 'm').exec(section)?.[1];
    if (!value) throw new UserError(`${file}: the defaults section sets no \`timeout ${name}\``, `set it there: the Kubernetes ingress takes the same value`);
    timeouts[name] = value;
  }
  const checkInterval = /^\s*default-server\b.*\binter\s+(\S+)/m.exec(section)?.[1];
  if (!checkInterval) throw new UserError(`${file}: the defaults section's default-server sets no \`inter\``, 'set it there: the ingress health checks use it');
  return { timeouts, checkInterval };
}
