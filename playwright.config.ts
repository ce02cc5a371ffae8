import { defineConfig } from '@playwright/test'
import { chromiumArgs, findChromium } from './scripts/chromium.ts'

const port = Number(process.env.E2E_PORT ?? 4180)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // A test.only left in a commit would silently skip the rest on CI.
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    // --test-control: tests stop and restart the local AWS endpoint with
    // POST /__test/local-aws/stop and /__test/local-aws/restart, sending the token the start
    // leaves in the data dir (tests/e2e/app-page.ts controlEndpoint). One data dir per port, so two
    // runs on different E2E_PORTs never wipe each other's state (--fresh).
    command: `tsx scripts/start.ts --port ${port} --data test-results/local-aws-data-${port} --fresh --test-control`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
})
