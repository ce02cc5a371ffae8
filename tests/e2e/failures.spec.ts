// Failures say what happened and what to do, and keep the photo for a retry.
import sharp from 'sharp'
import { expect, test } from '@playwright/test'
import { AppPage, photos } from './app-page'

test('a text file gets a clear message and nothing is uploaded', async ({ page }) => {
  const app = new AppPage(page)
  const uploads: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'PUT') uploads.push(request.url())
  })
  await app.open()
  await app.addPhoto({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a photo\n'),
  })
  await expect(app.error).toContainText('not an image')
  await expect(app.error).toContainText('Choose a photo')
  await expect(app.error).toContainText('notes.txt')
  expect(uploads).toEqual([])
  await app.screenshot('failure-text-file')

  // A corrupt JPEG is refused the same way.
  await app.addPhoto({
    name: 'broken.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('\xff\xd8\xff garbage'),
  })
  await expect(app.error).toContainText('not a photo this browser can open')
})

test('the preparation worker failing to load is retried with the same file', async ({ page }) => {
  const app = new AppPage(page)
  // Before the page opens: the app starts the worker while the user is still choosing a photo.
  await page.route('**/prepare-photo.worker-*.js', (route) => route.abort('connectionrefused'))
  await app.open()
  await app.addPhoto(photos.cat)
  await expect(app.error).toContainText('could not be loaded')
  await expect(app.error).toContainText('chelsea.png')

  await page.unrouteAll()
  await page.getByRole('button', { name: 'Retry' }).click()
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
})

test('a tiny image and a HEIC photo get messages that say what to do', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  const tiny = await sharp({
    create: { width: 60, height: 200, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer()
  await app.addPhoto({ name: 'icon.png', mimeType: 'image/png', buffer: tiny })
  await expect(app.error).toContainText('at least 80 pixels')
  await expect(app.error).toContainText('Choose a larger photo')

  // Desktop Chromium cannot decode HEIC: the message names the way out.
  await app.addPhoto({
    name: 'IMG_4032.HEIC',
    mimeType: 'image/heic',
    buffer: Buffer.from('ftypheic'),
  })
  await expect(app.error).toContainText('cannot open HEIC')
  await expect(app.error).toContainText('Most Compatible')
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0)
})
