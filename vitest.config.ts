// vitest: one process per test file (nodejieba is a native addon holding one dictionary per process).
// `npm test` runs everything; `npm run test:fast` (`--mode fast`) the core rooms without the tests that start processes,
// rebuild an index or load a second dictionary: a quick check while working (under 30 s on 2 cores).
import { configDefaults, defineConfig } from 'vitest/config';

/** The core rooms: the hearing model, search and the chat, and the rooms' import rules. */
const FAST = ['tests/hearing', 'tests/search', 'tests/chat', 'tests/architecture.test.ts'].map((path) =>
  path.endsWith('.ts') ? path : `${path}/**/*.test.ts`,
);

/** Tests of those rooms that spawn processes or build an index of their own: `npm test` runs them. */
const SLOW = [
  'tests/search/{freshness,multiple-hearings,pins,jieba-files}.test.ts',
  'tests/chat/{cli,imported-hearings,several-hearings}.test.ts',
  'tests/hearing/transcripts.test.ts',
];

export default defineConfig(({ mode }) => ({
  test: {
    include: mode === 'fast' ? FAST : ['tests/**/*.test.ts'],
    exclude: mode === 'fast' ? [...configDefaults.exclude, ...SLOW] : configDefaults.exclude,
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // No test writes staff's logs into the working tree; the tests of src/logs point them at temporary folders.
    env: { HEARING_MISSES_FILE: 'off', HEARING_LOG_FILE: 'off' },
  },
}));
