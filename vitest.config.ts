import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs anywhere with Node alone (the README's test command);
// `e2e` drives the real stack and runs its files one after another, because they
// share one Compose project and its ports.
export default defineConfig({
  test: {
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
          testTimeout: 10 * 60_000,
          hookTimeout: 15 * 60_000,
        },
      },
    ],
  },
});
