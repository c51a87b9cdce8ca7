import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the patient app through the real stack (clinic-fixture.ts
 * starts it once). Debian's Chromium (apt-get install chromium), never a
 * downloaded browser: @playwright/test is pinned to the release built for
 * its major (1.64.1 for Chromium 156; see STACK.md).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One worker: one stack, started once; the scenarios share it (each with its own patients).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  outputDir: '../test-results',
  reporter: [['list']],
  use: {
    baseURL: process.env.CAREBOOK_WEB_URL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
  },
});
