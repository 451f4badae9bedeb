/**
 * One JSON object per line on stdout, so `docker compose logs` stays greppable and
 * a log shipper needs no parsing rules: { time, level, ...base, msg, ...fields }.
 * Written by pino, the logger Fastify uses, so a service's own lines and the HTTP
 * layer's share one format and one destination (https://getpino.io/#/docs/api).
 * The `Logger` interface keeps the project's call shape, `log.info(msg, fields)`.
 */
import { pino, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  /** The pino instance behind this logger, for Fastify's `loggerInstance`. */
  readonly pino: PinoLogger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each line (without its newline); stdout by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

export function createLogger(base: LogFields, options: LoggerOptions = {}): Logger {
  const now = options.now ?? (() => new Date());
  const write = options.write;
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, '')) } : pino.destination({ sync: true });
  const instance = pino(
    {
      level: options.level ?? 'info',
      // pino's defaults add pid and hostname; the container name already says both.
      base: null,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(base ? instance.child(base) : instance);
}

function wrap(instance: PinoLogger): Logger {
  const emit = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (fields) instance[level](serializeErrors(fields), msg);
    else instance[level](msg);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(instance.child(serializeErrors(fields))),
    pino: instance,
  };
}

function serializeErrors(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? describeError(value) : value;
  }
  return out;
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}
