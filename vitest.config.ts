import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A poll waits for the browser or the server to catch up; one second (the default) is short on a loaded 2-core box.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    // One database serves every file. Tests own their data, but some read whole-graph figures (topic rarity,
    // graph exports), so files run one after another: two cores gain little from parallel files anyway.
    fileParallelism: false,
    reporters: ['default'],
  },
});
