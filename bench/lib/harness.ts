// Builds the harness page with Vite (as the app is built) and opens it in Chromium.
import { resolve } from 'node:path'
import type { Browser, BrowserContextOptions, Page } from '@playwright/test'
import { build } from 'vite'
import { serveStatic, type StaticServer } from './static-server.ts'

export const PHOTO_URL_PATH = '/phone-photo.jpg'

export interface Harness {
  server: StaticServer
  photoUrl: string
  open(browser: Browser, context?: BrowserContextOptions): Promise<Page>
  close(): Promise<void>
}

export async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: resolve('bench/harness'),
    base: './',
    logLevel: 'warn',
    build: { outDir: resolve(outDir), emptyOutDir: true, target: 'es2022', sourcemap: false },
    worker: { format: 'es' },
  })
}

export async function startHarness(outDir: string, photoPath: string): Promise<Harness> {
  const server = await serveStatic(resolve(outDir), { [PHOTO_URL_PATH]: resolve(photoPath) })
  const photoUrl = new URL(PHOTO_URL_PATH, server.url).toString()
  return {
    server,
    photoUrl,
    async open(browser, context = {}) {
      const page = await (await browser.newContext(context)).newPage()
      await page.goto(server.url)
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 })
      return page
    },
    close: () => server.close(),
  }
}
