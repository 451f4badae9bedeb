/** `.tls/` in memory for the certificate code's unit tests. */
import { modeOf, type TlsFileName, type TlsFiles, type TlsStore } from '../../../scripts/lib/tls/tls-files.ts';

/** The file system of `.tls/` in memory: contents, modes, and how many writes each file saw. */
export function memoryStore(initial: TlsFiles = {}) {
  const files: TlsFiles = { ...initial };
  const modes: Partial<Record<TlsFileName, number>> = {};
  const writes: TlsFileName[] = [];
  const store: TlsStore = {
    readAll: async () => ({ ...files }),
    write: async (name, content) => {
      files[name] = content;
      modes[name] = modeOf(name);
      writes.push(name);
    },
    describe: (name) => `.tls/${name}`,
  };
  return { store, files, modes, writes };
}
