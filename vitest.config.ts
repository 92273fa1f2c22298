import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [process.env.VITEST_INCLUDE ?? 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Two files at a time: most test time is spent waiting on spawned processes (the CLI,
    // LibreOffice, Chromium), so two workers overlap on a 2-core machine (vitest's default is one).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
