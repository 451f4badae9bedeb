/**
 * bench:web's transport comparison: the same first visit (index.html, then its assets in
 * parallel) over each protocol, on new connections every time, the protocols taking turns
 * within each run so a busy moment of the shared machine falls on all of them alike (an
 * A/B pair in one run). Each protocol must have negotiated what it is named for: a figure
 * labelled h2 that was measured over HTTP/1.1 is an error, not a result. The clients, the
 * visit and the clock come in as parameters (test/unit/bench/first-visits.test.ts).
 */
import { UserError } from '../errors.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';
import { EXPECTED_ALPN, type VisitClient, type VisitProtocol } from './visit-client.ts';

export interface FirstVisitDeps {
  protocols: VisitProtocol[];
  runs: number;
  open(protocol: VisitProtocol): VisitClient;
  /** One first visit with the given client's fetch. */
  visit(protocol: VisitProtocol, client: VisitClient): Promise<void>;
  now(): number;
}

export interface ProtocolFigures {
  protocol: VisitProtocol;
  summary: LatencySummary;
  /** Connections the visits opened, all told (HTTP/1.1 opens several per visit, h2 one). */
  connections: number;
}

export async function compareFirstVisits({ protocols, runs, open, visit, now }: FirstVisitDeps): Promise<ProtocolFigures[]> {
  const samples = new Map<VisitProtocol, number[]>(protocols.map((p) => [p, []]));
  const seen = new Map<VisitProtocol, string[]>(protocols.map((p) => [p, []]));
  for (let run = 0; run < runs; run++) {
    for (const protocol of protocols) {
      const client = open(protocol);
      try {
        const started = now();
        await visit(protocol, client);
        samples.get(protocol)!.push(now() - started);
      } finally {
        seen.get(protocol)!.push(...client.negotiated());
        await client.close();
      }
    }
  }
  for (const protocol of protocols) {
    const wrong = seen.get(protocol)!.filter((alpn) => alpn !== EXPECTED_ALPN[protocol]);
    if (wrong.length > 0) {
      throw new UserError(
        `the ${protocol} visits negotiated ${[...new Set(wrong)].join(', ')} on ${wrong.length} connection(s), not ${EXPECTED_ALPN[protocol]}`,
        "HAProxy's HTTPS bind must offer `alpn h2,http/1.1` (haproxy/haproxy.cfg): check it, then `npm run up`",
      );
    }
  }
  return protocols.map((protocol) => ({ protocol, summary: summarize(samples.get(protocol)!), connections: seen.get(protocol)!.length }));
}
