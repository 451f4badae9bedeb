/** Routes kafkajs's own log lines into the service's JSON logger. */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../logger.ts';

export function kafkaLogCreator(log: Logger): logCreator {
  return () =>
    ({ namespace, level, log: entry }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry;
      const line = { kafka: namespace, ...fields };
      if (level === logLevel.ERROR) log.error(message, line);
      else if (level === logLevel.WARN) log.warn(message, line);
      else if (level === logLevel.INFO) log.info(message, line);
      else log.debug(message, line);
    };
}
