import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * Where the end-to-end tests find a browser: CHROMIUM_PATH, else Debian's chromium, else a browser
 * that Playwright installed itself. Playwright's own download is blocked on the project's
 * machines, which is why the system browser comes first.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate
  }
  const bundled = chromium.executablePath()
  return existsSync(bundled) ? bundled : undefined
}

/** Flags for headless Chromium in a root container on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
