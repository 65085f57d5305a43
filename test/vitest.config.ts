import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './support/sequencer.js';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    // One copy of graphql for sources and dependencies, or GraphQLError instances differ.
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 3,
    // The suite's processes are short-lived: PGlite's WebAssembly compiled by V8's baseline
    // compiler alone costs a quarter less CPU than with the optimising compiler behind it.
    execArgv: ['--liftoff-only'],
    // Test files share a worker process and its loaded modules; each makes its own database and
    // server, and nothing they hold is module-level.
    isolate: false,
  },
});
