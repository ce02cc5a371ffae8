// The local endpoint taken down in the middle of the flow: a clear message, the photo kept, and
// Retry finishing the job once the endpoint is back. The test control is served by
// `scripts/start.ts --test-control` (see playwright.config.ts).
import { expect, test } from '@playwright/test'
import { AppPage, controlEndpoint, photos } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

test.afterEach(async ({ page }) => {
  await controlEndpoint(page, 'restart')
})

test('the endpoint stops between upload and detection; Retry detects without uploading again', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000)
  const app = new AppPage(page)
  const uploads: string[] = []
  page.on('request', (request) => {
    // The photo itself, not the thumbnail and analysis saved beside it.
    if (request.method() === 'PUT' && /\/[0-9a-f]{32}\.jpg(\?|$)/.test(request.url()))
      uploads.push(request.url())
  })
  // Take the endpoint down the moment the app asks for labels: the upload has just finished.
  let stopped = false
  const appOrigin = new URL(baseURL ?? 'http://127.0.0.1').origin
  // Only the endpoint's requests are watched; the app's own files load untouched.
  await page.route(
    (url) => url.origin !== appOrigin,
    async (route) => {
      const request = route.request()
      const target = request.headers()['x-amz-target'] ?? ''
      if (!stopped && request.method() === 'POST' && target.endsWith('DetectLabels')) {
        stopped = true
        await controlEndpoint(page, 'stop')
      }
      await route.continue()
    },
  )

  await app.open()
  await app.addPhoto(photos.cat)
  await expect(app.error).toContainText('could not be reached', { timeout: 45_000 })
  await expect(app.error).toContainText('npm start')
  expect(stopped).toBe(true)
  expect(uploads).toHaveLength(1)
  // The photo stays on screen for the retry.
  await expect(app.canvas).toBeVisible()
  await app.screenshot('failure-endpoint-down')

  await controlEndpoint(page, 'restart')
  await page.getByRole('button', { name: 'Retry' }).click()
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  await expect(app.error).toHaveCount(0)
  expect(uploads).toHaveLength(1)
})

test('the endpoint is down before the first photo; Retry works once it is back', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const app = new AppPage(page)
  await app.open()
  await controlEndpoint(page, 'stop')
  await app.addPhoto(photos.cat)
  await expect(app.error).toContainText('could not be reached', { timeout: 45_000 })
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()

  await controlEndpoint(page, 'restart')
  await page.getByRole('button', { name: 'Retry' }).click()
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
})
