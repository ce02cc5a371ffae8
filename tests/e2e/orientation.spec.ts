// A 12 MP phone photo stored sideways with EXIF orientation 6: the app must decode it upright,
// upload those upright pixels and draw the same bitmap, so the box lands on the cat.
import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { expect, test } from '@playwright/test'
import { targetSize } from '../../src/lib/photo-preparation.ts'
import { AppPage, overlap, photos } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

async function catBoxFor(app: AppPage, file: { name: string; mimeType: string; buffer: Buffer }) {
  const started = Date.now()
  await app.addPhoto(file)
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  await expect.poll(() => app.boxCountOnCanvas()).toBeGreaterThan(0)
  const millis = Date.now() - started
  const steps = await app.page
    .locator('.photo-workspace')
    .evaluate((element) => ({ ...(element as HTMLElement).dataset }))
  console.log(
    `${file.name}: steps in the app (ms) ${JSON.stringify(steps)}; seen by the test ${millis} ms`,
  )
  const cat = (await app.boxes()).find((box) => box.label === 'Cat')
  if (!cat) throw new Error('no Cat box')
  return { cat, millis, size: await app.imageSize() }
}

test('a sideways 12 MP JPEG with EXIF orientation 6 is prepared upright and boxed correctly', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const upright = await sharp(readFileSync(photos.cat))
    .resize(4032, 3024, { fit: 'fill' })
    .jpeg({ quality: 90 })
    .toBuffer()
  // Stored turned a quarter to the left; orientation 6 tells viewers to turn it back.
  const sideways = await sharp(upright)
    .rotate(-90)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer()
  const stored = await sharp(sideways).metadata()
  expect([stored.width, stored.height, stored.orientation]).toEqual([3024, 4032, 6])

  const app = new AppPage(page)
  await app.open()
  const reference = await catBoxFor(app, {
    name: 'upright.jpg',
    mimeType: 'image/jpeg',
    buffer: upright,
  })
  const phone = await catBoxFor(app, {
    name: 'IMG_0006.jpg',
    mimeType: 'image/jpeg',
    buffer: sideways,
  })

  // Upright: landscape, scaled to the default pixel budget (3.7 MP: 2221×1665).
  const prepared = targetSize({ width: 4032, height: 3024 })
  expect(prepared.width).toBeGreaterThan(prepared.height)
  expect(phone.size).toEqual(prepared)
  expect(reference.size).toEqual(prepared)
  // The box sits where the cat is in the upright photo.
  const iou = overlap(phone.cat, reference.cat)
  console.log(
    `12 MP EXIF-6 photo: chosen → labels drawn ${phone.millis} ms (upright reference ${reference.millis} ms); IoU ${iou.toFixed(3)}`,
  )
  expect(iou).toBeGreaterThan(0.8)
  await app.screenshot('desktop-exif-orientation')
})
