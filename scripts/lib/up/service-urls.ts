/** Where each service is reached from the host, as printed after `up` and by `status`. */
import type { Config } from '../config/load-config.ts';

export function serviceUrl(service: string, config: Config): string {
  const v = config.values;
  switch (service) {
    case 'haproxy':
      return `http://127.0.0.1:${v.HTTP_PORT}/  (stats, /metrics: http://127.0.0.1:${v.STATS_PORT}/)`;
    case 'mysql':
      return `mysql://127.0.0.1:${v.MYSQL_PORT}/${v.MYSQL_DATABASE}`;
    case 'kafka':
      return `127.0.0.1:${v.KAFKA_PORT}`;
    case 'connect':
      return `http://127.0.0.1:${v.CONNECT_PORT}/connectors`;
    case 'elasticsearch':
      return `http://127.0.0.1:${v.ELASTICSEARCH_PORT}/`;
    case 'catalog-api-1':
    case 'catalog-api-2':
      return `via HAProxy: http://127.0.0.1:${v.HTTP_PORT}/api/`;
    case 'kafka-init':
      return '(one-shot: creates topics)';
    case 'db-setup':
      return '(one-shot: database users, migrations, sample data)';
    default:
      return '(internal)';
  }
}
