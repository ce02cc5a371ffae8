import { expect, test, devices } from '@playwright/test'

const phone = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 3,
}

test.describe('app shell', () => {
  test('desktop shows the title and no horizontal scroll', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Image Labels' })).toBeVisible()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: 'test-results/screenshots/shell-desktop.png' })
  })

  test.describe('phone', () => {
    test.use({ ...phone, userAgent: devices['Pixel 7'].userAgent })
    test('phone shows the title with touch enabled', async ({ page }) => {
      await page.goto('/')
      await expect(page.getByRole('heading', { name: 'Image Labels' })).toBeVisible()
      expect(await page.evaluate(() => navigator.maxTouchPoints)).toBeGreaterThan(0)
      await page.screenshot({ path: 'test-results/screenshots/shell-phone.png' })
    })
  })
})
