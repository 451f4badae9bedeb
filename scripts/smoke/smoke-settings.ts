/**
 * Where the smoke test finds each part of the stack from the host: every port is
 * published on 127.0.0.1 (compose/compose.yaml), taken from the merged
 * configuration (compose/versions.env < .env < environment).
 */
export interface SmokeSettings {
  apiUrl: string;
  connectUrl: string;
  elasticsearchUrl: string;
  kafkaBroker: string;
  cdcTopic: string;
  searchIndex: string;
  mysql: { host: string; port: number; user: string; password: string; database: string };
}

export function smokeSettings(values: Record<string, string | undefined>): SmokeSettings {
  const port = (key: string, fallback: number) => Number(values[key] || fallback);
  const database = values.MYSQL_DATABASE || 'booking';
  return {
    apiUrl: `http://127.0.0.1:${port('HTTP_PORT', 8080)}`,
    connectUrl: `http://127.0.0.1:${port('CONNECT_PORT', 8083)}`,
    elasticsearchUrl: `http://127.0.0.1:${port('ELASTICSEARCH_PORT', 9200)}`,
    kafkaBroker: `127.0.0.1:${port('KAFKA_PORT', 9092)}`,
    // Debezium names the topic <topic.prefix>.<database>.<table> (kafka/connectors/*.json).
    cdcTopic: values.CDC_TOPIC || `cdc.${database}.hotels`,
    searchIndex: values.SEARCH_INDEX || 'hotels',
    mysql: {
      host: '127.0.0.1',
      port: port('MYSQL_PORT', 3306),
      user: values.MYSQL_USER || 'catalog',
      password: values.MYSQL_PASSWORD ?? '',
      database,
    },
  };
}

/** A token the standard analyzer keeps as one word: lower-case letters and digits only. */
export function uniqueToken(random: () => number = Math.random, now: number = Date.now(), prefix = 'smoke'): string {
  const suffix = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `${prefix}${now.toString(36)}${suffix}`;
}
