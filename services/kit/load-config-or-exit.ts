/**
 * Start-up configuration failures are printed as one JSON log line naming every
 * bad variable, then the process exits 1 (Compose shows it as the container's
 * last log line) instead of dumping a stack trace.
 */
import { describeError } from './logger.ts';

export function loadConfigOrExit<T>(load: () => T, service: string, proc: Pick<NodeJS.Process, 'exit'> = process): T {
  try {
    return load();
  } catch (error) {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', service, msg: describeError(error) }));
    return proc.exit(1);
  }
}
