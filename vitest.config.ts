import { defineConfig } from 'vitest/config';
import { E2eSequencer } from './test/e2e/support/e2e-sequencer.ts';

// Two projects: `unit` runs anywhere with Node alone (the README's test command);
// `e2e` drives the real stack and runs its files one after another, because they
// share one Compose project and its ports: the stack is started once and borrowed
// by file after file (test/e2e/support/file-order.ts), then given back as found.
export default defineConfig({
  test: {
    sequence: { sequencer: E2eSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          sequence: { concurrent: false },
          globalSetup: ['test/e2e/support/stack-lease.ts'],
          testTimeout: 10 * 60_000,
          hookTimeout: 15 * 60_000,
        },
      },
    ],
  },
});
