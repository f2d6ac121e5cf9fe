// vitest: one process per test file (nodejieba is a native addon holding one dictionary per process).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // No test writes staff's logs into the working tree; the tests of src/logs point them at temporary folders.
    env: { HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off' },
  },
});
