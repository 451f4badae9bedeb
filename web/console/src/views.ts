/** What the console's endpoints answer: the server's own types, so the two cannot drift apart. */
export type { ServiceRow } from '../../../scripts/lib/console/services-panel.ts';
export type { ServerStats } from '../../../scripts/lib/console/haproxy-stats.ts';
export type { ConnectorView } from '../../../scripts/lib/console/connector-panel.ts';
export type { Trace, Hop } from '../../../scripts/lib/console/golden-trace.ts';
export type { ChangeEvent, DeadLetter } from '../../../scripts/lib/console/topic-messages.ts';
export type { LagSample } from '../../../scripts/lib/console/lag-history.ts';

import type { ServiceRow } from '../../../scripts/lib/console/services-panel.ts';
import type { LagSample } from '../../../scripts/lib/console/lag-history.ts';
import type { ChangeEvent, DeadLetter } from '../../../scripts/lib/console/topic-messages.ts';

type Part<T> = { ok: true; data: T } | { ok: false; unreachable: string };

export interface IndexerView {
  at: string;
  container: Part<ServiceRow | null>;
  group: Part<{ at: number; history: LagSample[]; groupState: string; members: number; deadLetterCount: number }>;
  deadLetters: Part<DeadLetter[]>;
  consumerGroup: string;
  readerGroup: string | null;
}

export interface ChangesView {
  topic: string;
  events: ChangeEvent[];
}

export interface DriftView {
  database: { ok: true; count: number } | { ok: false; unreachable: string };
  search: { ok: true; count: number } | { ok: false; unreachable: string };
  drift: number | null;
}

export type { SearchVerifyJson } from '../../../scripts/lib/verify/verify-search.ts';
export type { ReindexState } from '../../../scripts/lib/console/reindex-job.ts';
export type { SagaPanelView, SagaBookingView, TimelineStep } from '../../../scripts/lib/console/saga-view.ts';
export type { ServiceOutboxLag } from '../../../scripts/lib/console/outbox-lag.ts';
export type { ConsoleTrace } from '../../../scripts/lib/console/console-panels.ts';
export type { BookingHop, BookingTrace } from '../../../scripts/lib/console/booking-trace.ts';
