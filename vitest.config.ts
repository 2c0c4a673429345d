import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        // Pure code on fixtures: no engine and no build needed (`npm run test:unit`).
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        // Runs the built CLI against the local engine.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // End-to-end tests share one engine, so files run one at a time to keep them from competing for it.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
})
