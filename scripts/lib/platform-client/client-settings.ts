/**
 * Where a client on the host (smoke, seed, bench, e2e) finds each part of the stack: the typed
 * config's URLs and names (scripts/lib/config/stack-config.ts).
 */
import type { SagaService } from '../config/saga-config.ts';
import type { StackConfig } from '../config/stack-config.ts';

export interface ClientSettings {
  apiUrl: string;
  connectUrl: string;
  elasticsearchUrl: string;
  kafkaBroker: string;
  cdcTopic: string;
  searchIndex: string;
  /** Date search's index alias (issue 21): verify, reindex and bench:availability read it. */
  availabilityIndex: string;
  mysql: MysqlSettings;
  /**
   * The saga's own accounts, each on its own database (smoke and bench:bookings read inventory's nights and bookings'
   * states; bench:bookings reads every outbox and inbox to time the hops).
   */
  sagaMysql: { inventory: MysqlSettings; payment: MysqlSettings; booking: MysqlSettings };
}

export interface MysqlSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function clientSettings({ urls, names, ports, database, saga, availability }: StackConfig): ClientSettings {
  const sagaAccount = (service: SagaService): MysqlSettings => {
    const own = saga.services[service];
    return { host: '127.0.0.1', port: ports.mysql, user: own.account, password: own.password, database: own.database };
  };
  return {
    apiUrl: urls.api,
    connectUrl: urls.connect,
    elasticsearchUrl: urls.elasticsearch,
    kafkaBroker: urls.kafkaBroker,
    cdcTopic: names.cdcTopic,
    searchIndex: names.searchIndex,
    availabilityIndex: availability.search.alias,
    mysql: { host: '127.0.0.1', port: ports.mysql, user: database.user, password: database.password, database: database.name },
    sagaMysql: { inventory: sagaAccount('inventory'), payment: sagaAccount('payment'), booking: sagaAccount('booking') },
  };
}

/** A token the standard analyzer keeps as one word: lower-case letters and digits only. */
export function uniqueToken(random: () => number = Math.random, now: number = Date.now(), prefix = 'smoke'): string {
  const suffix = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `${prefix}${now.toString(36)}${suffix}`;
}
