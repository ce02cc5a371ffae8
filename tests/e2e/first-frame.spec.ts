// The start screen's first frame (issue 14): index.html holds it, prerendered at build time, and
// the page's first script (src/boot.ts) starts the app only after it is painted. Largest Contentful
// Paint must be that frame's intro: no note that arrives later may outweigh it.
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './app-page'

const phone = { viewport: { width: 412, height: 823 }, hasTouch: true, isMobile: true }
const smallPhone = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }
const desktop = { viewport: { width: 1280, height: 800 } }

interface PaintRecord {
  /** Each candidate's element id as the entry recorded it (the element itself is gone once the
   * app's mount replaces the prerendered markup). */
  largest: { id: string; startTime: number }[]
  firstContentful: number | null
}

/** Largest Contentful Paint candidates in order, each with its element's id. */
async function watchPaints(page: Page) {
  await page.addInitScript(() => {
    const record: PaintRecord = { largest: [], firstContentful: null }
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { id } = entry as PerformanceEntry & { id: string }
        record.largest.push({ id, startTime: entry.startTime })
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntriesByName('first-contentful-paint'))
        record.firstContentful = entry.startTime
    }).observe({ type: 'paint', buffered: true })
    ;(window as unknown as { paintRecord: PaintRecord }).paintRecord = record
  })
}

const paintRecord = (page: Page) =>
  page.evaluate(() => (window as unknown as { paintRecord: PaintRecord }).paintRecord)

test('without JavaScript the page still shows the title and what the app is for', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Image Labels' })).toBeVisible()
  await expect(page.locator('.welcome__intro')).toContainText('Take or choose a photo')
  await expect(page.getByRole('status')).toHaveText('Loading…')
  await context.close()
})

for (const [name, device] of [
  ['phone', phone],
  ['small phone', smallPhone],
  ['desktop', desktop],
] as const) {
  test(`on a ${name}, the largest paint is the first frame's intro, not a later note`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ ...device, baseURL })
    const page = await context.newPage()
    await watchPaints(page)
    const app = new AppPage(page)
    await app.open()
    // Everything the start screen shows once config.json is read, then a moment for late paints.
    await expect(page.getByTestId('retention-note')).toBeVisible()
    await expect(page.getByTestId('privacy-note')).toBeVisible()
    await page.waitForTimeout(500)
    const record = await paintRecord(page)
    const last = record.largest.at(-1)
    expect(last?.id).toBe('start-intro')
    // The intro was in the first contentful frame: it is prerendered, not drawn by the app.
    expect(last?.startTime).toBe(record.firstContentful)
    await context.close()
  })
}

test('the app starts after the first frame, and says so when its code cannot load', async ({
  page,
}) => {
  // The startup chunk, named by the boot script's data-app-entry, fails as on a dropped connection.
  await page.route(/\/assets\/index-[^/]+\.js$/, (route) => route.abort('connectionfailed'))
  await page.goto('/')
  await expect(page.getByRole('status')).toContainText('could not load')
  await expect(page.getByRole('status')).toContainText('reload the page')
  // The prerendered start screen stays as it was.
  await expect(page.locator('.welcome__intro')).toContainText('Take or choose a photo')
})
