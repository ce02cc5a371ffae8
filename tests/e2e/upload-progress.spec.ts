// A slow upload shows its progress in bytes, can be cancelled, and is retried without choosing
// the photo again. The network is slowed with Chromium's own throttling (CDP).
import { expect, test } from '@playwright/test'
import { AppPage, photos } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

test('a slow upload shows byte progress, cancels, and retries the same photo', async ({ page }) => {
  test.setTimeout(90_000)
  const app = new AppPage(page)
  const uploads: number[] = []
  page.on('request', (request) => {
    // The photo itself, not the thumbnail and analysis saved beside it.
    if (request.method() === 'PUT' && /\/[0-9a-f]{32}\.jpg(\?|$)/.test(request.url()))
      uploads.push(request.postDataBuffer()?.length ?? 0)
  })
  await app.open()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 50,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024,
  })

  await app.addPhoto(photos.cat)
  const progress = page.locator('progress')
  await expect(progress).toBeVisible({ timeout: 30_000 })
  const total = Number(await progress.getAttribute('max'))
  expect(total).toBeGreaterThan(1000)
  await expect(page.getByTestId('photo-status')).toContainText(`of ${Math.round(total / 1024)} KB`)
  // Bytes arrive while the upload runs, not only at the end.
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 15_000 })
    .toBeGreaterThan(0)
  expect(Number(await progress.getAttribute('value'))).toBeLessThan(total)
  await app.screenshot('desktop-uploading')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(app.error).toContainText('Upload cancelled')
  await expect(app.canvas).toBeVisible()

  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  await page.getByRole('button', { name: 'Retry' }).click()
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  // The retry sent the same prepared bytes the progress bar counted: nothing was prepared again.
  expect(uploads.length).toBeGreaterThanOrEqual(1)
  expect(uploads.every((size) => size === total)).toBe(true)
})
