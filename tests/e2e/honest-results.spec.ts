// Results and texts that tell the truth (issue 11): empty results say why and what the local
// detector knows, a panorama is labelled, the start screen says where photos go, and the start
// screen does not shift while it loads.
import { expect, test, type Page } from '@playwright/test'
import { AppPage } from './app-page'

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

/** Sum of layout-shift scores not caused by input, from the first paint on. */
async function layoutShiftTotal(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { layoutShiftTotal: () => number }).layoutShiftTotal(),
  )
}

async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    let total = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean }
        if (!shift.hadRecentInput) total += shift.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
    ;(window as unknown as { layoutShiftTotal: () => number }).layoutShiftTotal = () => total
  })
}

test.describe('start screen on a phone', () => {
  test.use(phone)

  test('does not shift while it loads (CLS under 0.01)', async ({ page }) => {
    await watchLayoutShifts(page)
    // As on a slow phone: a 4× slower CPU and config.json answering late, as Lighthouse saw it.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch()
      await new Promise((resolve) => setTimeout(resolve, 400))
      await route.fulfill({ response })
    })
    const app = new AppPage(page)
    await app.open()
    await expect(page.getByTestId('retention-note')).toBeVisible()
    // My photos lists (empty) and the idle warm-up runs: give late layout a moment.
    await page.waitForTimeout(1500)
    const total = await layoutShiftTotal(page)
    console.log(`CLS at 390×844: ${total.toFixed(4)}`)
    expect(total).toBeLessThan(0.01)
  })
})
