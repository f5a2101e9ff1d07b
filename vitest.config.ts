import { defineConfig } from 'vitest/config';

// Test tiers show in file names: *.unit.test.ts (pure code), *.workflow.test.ts (Temporal
// workflows on the real dev server), *.hermetic.test.ts (workflows with mocked activities on a private server),
// *.int.test.ts (real Kafka + Temporal).
// Timeouts are sized for CI on a loaded 2-core machine, past the longest wait a test's own waitFor calls add up to:
// a test that times out there would have passed given the time, and a wrong result still fails its assertion.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/**/*.unit.test.ts'], testTimeout: 20_000 } },
      // Workflow code on a private in-memory Temporal dev server (the stack's CLI, a free port) with mocked activities:
      // no Kafka, no shared stack.
      {
        test: {
          name: 'hermetic',
          include: ['tests/**/*.hermetic.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      // The CLI as a user runs it (child processes of bin/claimwatch.mjs), against a stack that is not running.
      { test: { name: 'cli', include: ['tests/**/*.cli.test.ts'], testTimeout: 20_000, fileParallelism: false } },
      {
        test: {
          name: 'workflow',
          include: ['tests/**/*.workflow.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'int',
          include: ['tests/**/*.int.test.ts'],
          testTimeout: 360_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      // Headless Chromium (/usr/bin/chromium, playwright-core) against the dashboard on the real stack.
      {
        test: {
          name: 'browser',
          include: ['tests/**/*.browser.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 420_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
