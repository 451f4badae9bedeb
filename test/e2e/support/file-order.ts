/**
 * The order of the end-to-end files. Most of them borrow the stack (borrowed-stack.ts) and
 * leave it running for the next, so one run starts it once. The files below stop, wipe,
 * rebuild or restart it on purpose; they run after all the others, in this order (the ones
 * that keep the stack running first), so none of them makes a borrower start it cold again.
 */
export const RUN_AFTER_THE_SHARED_STACK = [
  'local-builds', // rebuilds the services image and recreates its containers
  'reload', // edits a service: `dev` restarts its containers, `up` rebuilds the image
  'snapshot', // stops the whole stack, restores its volumes
  'profiles', // removes the services a smaller profile leaves out, then starts them again
  'capture-secrets', // `down` then `up`
  'derived-names', // another MYSQL_DATABASE: reset, up, reset
  'npm-signals', // interrupts `up`
  'interrupt', // interrupts `up` with --clean
  'laptop-fidelity',
  'first-pull',
  'stack', // cold start from nothing, `reset`
] as const;

/** `test/e2e/stack.e2e.test.ts` → `stack`. */
export function e2eFileName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.e2e\.test\.ts$/, '');
}

/** The borrowers first (by name, so every run has the same order), then the list above. */
export function orderE2eFiles<T>(files: readonly T[], pathOf: (file: T) => string): T[] {
  const late: readonly string[] = RUN_AFTER_THE_SHARED_STACK;
  // -1 for a borrower: before every file of the list.
  const rank = (file: T): number => late.indexOf(e2eFileName(pathOf(file)));
  return [...files].sort((a, b) => rank(a) - rank(b) || e2eFileName(pathOf(a)).localeCompare(e2eFileName(pathOf(b))));
}
