// Debian's Chromium through Playwright, with the flags the end-to-end tests use.
import { chromium, type Browser } from '@playwright/test'
import { chromiumArgs, findChromium } from '../../scripts/chromium.ts'

export function chromiumPath(): string {
  const path = findChromium()
  if (!path) throw new Error('no Chromium found (CHROMIUM_PATH, /usr/bin/chromium)')
  return path
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
}
