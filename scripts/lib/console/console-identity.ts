/**
 * Is the process on CONSOLE_PORT this checkout's own console? The console runs on the
 * host, not in a container, so the doctor (and with it every `up`) would otherwise
 * report the port as taken while a developer has the console open. The console
 * answers GET /api/identity with the repository it serves; another checkout's console
 * on the same port is a conflict like any other process.
 */
export const CONSOLE_APP = 'booking-devstack-console';

export interface ConsoleIdentity {
  app: typeof CONSOLE_APP;
  root: string;
}

export function identityOf(root: string): ConsoleIdentity {
  return { app: CONSOLE_APP, root };
}

export function isOwnConsole(answer: unknown, root: string): boolean {
  const identity = answer as Partial<ConsoleIdentity> | undefined;
  return identity?.app === CONSOLE_APP && identity.root === root;
}

/** Never throws: anything but this checkout's console answering is `false`. */
export async function probeOwnConsole(port: number, root: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(`http://127.0.0.1:${port}/api/identity`, { signal: AbortSignal.timeout(1_000) });
    return response.status === 200 && isOwnConsole(await response.json(), root);
  } catch {
    return false;
  }
}
