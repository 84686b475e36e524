import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    // Two files at a time: most wait on a server process or Chromium, so two workers keep both cores busy and the
    // suite within its time budget on a 2-core machine (one at a time took about 18 minutes).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
