/**
 * The files of the edge's TLS in `.tls/` (git-ignored): the CA's certificate and key,
 * the server's certificate and key. Only the server pair ever leaves the host folder,
 * and only as content (compose.yaml's secret `edge_tls`): the CA key never enters a
 * container.
 */
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';

export const TLS_FILE_NAMES = {
  caCertificate: 'ca.crt',
  caKey: 'ca.key',
  serverCertificate: 'server.crt',
  serverKey: 'server.key',
} as const;

export type TlsFileName = keyof typeof TLS_FILE_NAMES;
export type TlsFiles = Partial<Record<TlsFileName, string>>;

/** What ensure-certificates.ts needs of the file system; tests pass an in-memory one. */
export interface TlsStore {
  readAll(): Promise<TlsFiles>;
  /** Private keys get 0600, certificates 0644. */
  write(name: TlsFileName, content: string): Promise<void>;
  /** Where the files are, for messages. */
  describe(name: TlsFileName): string;
}

/** Keys are readable by their owner only; certificates are public. */
export function modeOf(name: TlsFileName): number {
  return name === 'caKey' || name === 'serverKey' ? 0o600 : 0o644;
}

export function directoryStore(dir: string): TlsStore {
  return {
    async readAll() {
      const entries = await Promise.all(
        (Object.keys(TLS_FILE_NAMES) as TlsFileName[]).map(async (name) => [name, await readFile(join(dir, TLS_FILE_NAMES[name]), 'utf8').catch(notFoundAsUndefined)] as const),
      );
      return Object.fromEntries(entries.filter((entry) => entry[1] !== undefined));
    },
    async write(name, content) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // mkdir leaves an existing folder's mode alone: an older one may have been created wider.
      await chmod(dir, 0o700);
      await writeFileAtomic(join(dir, TLS_FILE_NAMES[name]), Buffer.from(content, 'utf8'), modeOf(name));
    },
    describe: (name) => join(dir, TLS_FILE_NAMES[name]),
  };
}

function notFoundAsUndefined(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
