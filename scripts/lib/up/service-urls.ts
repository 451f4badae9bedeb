/** Where each service is reached from the host, as printed after `up` and by `status`. */
import type { StackConfig } from '../config/stack-config.ts';

export function serviceUrl(service: string, { urls }: StackConfig): string {
  switch (service) {
    case 'haproxy':
      return `${urls.api}/ and ${urls.pageHttps}  (stats, /metrics: ${urls.stats}/)`;
    case 'web':
      return `${urls.page} and ${urls.pageHttps.replace('127.0.0.1', 'localhost')}  (the booking page; npm run tls:trust once for HTTPS; npm run dev:web for hot reload)`;
    case 'mysql':
      return urls.mysql;
    case 'kafka':
      return urls.kafkaBroker;
    case 'connect':
      return `${urls.connect}/connectors`;
    case 'elasticsearch':
      return `${urls.elasticsearch}/`;
    case 'catalog-api-1':
    case 'catalog-api-2':
      return `via HAProxy: ${urls.api}/api/`;
    case 'kafka-init':
      return '(one-shot: creates topics)';
    case 'images':
      return `via HAProxy: ${urls.api}/img/ (cached), uploads ${urls.api}/api/hotels/:id/images`;
    case 'object-store':
      return '(internal: S3 API for the image service)';
    case 'object-store-init':
      return '(one-shot: creates the images bucket)';
    case 'db-setup':
      return '(one-shot: database users, migrations, sample data)';
    default:
      return '(internal)';
  }
}
