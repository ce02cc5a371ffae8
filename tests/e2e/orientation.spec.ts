// A 12 MP phone photo stored sideways with EXIF orientation 6: the app must decode it upright,
// upload those upright pixels and draw the same bitmap, so the box lands on the cat. And every
// one of the eight EXIF orientations comes out upright, through the decoder that prepares a
// 12 MP photo at half its size.
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { expect, test } from '@playwright/test'
import { targetSize } from '../../src/lib/photo-preparation.ts'
import { AppPage, endpointDataDir, overlap, photos } from './app-page'

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

  // Upright: landscape, at the default pixel budget's size for it (half its sides: 2016×1512).
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

/** Four solid quarters, as a viewer shows the photo upright. */
const QUARTERS = {
  topLeft: [230, 30, 30],
  topRight: [30, 200, 40],
  bottomLeft: [40, 60, 230],
  bottomRight: [240, 220, 40],
} as const
type Quarter = keyof typeof QUARTERS

async function quarterPhoto(width: number, height: number): Promise<Buffer> {
  const halfWidth = width / 2
  const halfHeight = height / 2
  const block = (rgb: readonly number[]) =>
    sharp({
      create: {
        width: halfWidth,
        height: halfHeight,
        channels: 3,
        background: { r: rgb[0] ?? 0, g: rgb[1] ?? 0, b: rgb[2] ?? 0 },
      },
    })
      .png()
      .toBuffer()
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([
      { input: await block(QUARTERS.topLeft), left: 0, top: 0 },
      { input: await block(QUARTERS.topRight), left: halfWidth, top: 0 },
      { input: await block(QUARTERS.bottomLeft), left: 0, top: halfHeight },
      { input: await block(QUARTERS.bottomRight), left: halfWidth, top: halfHeight },
    ])
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** The colour near the middle of each quarter of a decoded image. */
async function quarterColours(image: Sharp): Promise<Record<Quarter, number[]>> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  const at = (fx: number, fy: number) => {
    const offset =
      (Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)) * info.channels
    return [data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0]
  }
  return {
    topLeft: at(0.25, 0.25),
    topRight: at(0.75, 0.25),
    bottomLeft: at(0.25, 0.75),
    bottomRight: at(0.75, 0.75),
  }
}

function closeTo(colours: Record<Quarter, number[]>): boolean {
  return (Object.keys(QUARTERS) as Quarter[]).every((quarter) =>
    QUARTERS[quarter].every(
      (value, channel) => Math.abs((colours[quarter][channel] ?? -99) - value) < 24,
    ),
  )
}

/** The eight ways a camera may store the pixels: quarter turns, each mirrored or not. */
const STORED_TURNS: ((image: Sharp) => Sharp)[] = [0, 90, 180, 270].flatMap((angle) => [
  (image: Sharp) => image.rotate(angle),
  (image: Sharp) => image.rotate(angle).flop(),
])

/** The photo stored as a camera with EXIF orientation `orientation` stores it (sharp as the judge). */
async function storedWithOrientation(upright: Buffer, orientation: number): Promise<Buffer> {
  for (const turn of STORED_TURNS) {
    const stored = await turn(sharp(upright))
      .withMetadata({ orientation })
      .jpeg({ quality: 90 })
      .toBuffer()
    if (closeTo(await quarterColours(sharp(stored).rotate()))) return stored
  }
  throw new Error(`no stored form found for orientation ${orientation}`)
}

/** The prepared JPEG the app uploaded for `name` (its analysis names the photo), read from disk. */
async function uploadedPhotos(dataDir: string): Promise<Map<string, string>> {
  const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as {
    imagesBucket: string
  }
  const directory = join(dataDir, 'objects', config.imagesBucket)
  const photos = new Map<string, string>()
  for (const name of (await readdir(directory)).filter((entry) => entry.endsWith('.json'))) {
    const record = JSON.parse(await readFile(join(directory, name), 'utf8')) as {
      key: string
      dataFile: string
    }
    if (record.key.endsWith('.jpg') && !record.key.endsWith('.thumb.jpg')) {
      photos.set(record.key, join(directory, record.dataFile))
    }
  }
  return photos
}

/**
 * Adds the photo, waits for its labels, and reads back the prepared JPEG the app uploaded (the
 * one key new in storage): its size and its quarters' colours.
 */
async function addAndReadUpload(
  app: AppPage,
  dataDir: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const before = await uploadedPhotos(dataDir)
  await app.addPhoto(file)
  await expect(app.page.locator('[data-testid="photo-status"][data-phase="ready"]')).toBeAttached({
    timeout: 30_000,
  })
  await expect(app.stage).toHaveAttribute('data-image-width', '2016')
  await expect
    .poll(async () => (await uploadedPhotos(dataDir)).size, { timeout: 10_000 })
    .toBeGreaterThan(before.size)
  const added = [...(await uploadedPhotos(dataDir))].find(([key]) => !before.has(key))
  if (!added) throw new Error(`no upload for ${file.name}`)
  const prepared = sharp(await readFile(added[1]))
  const { width, height } = await prepared.metadata()
  return { width, height, colours: await quarterColours(prepared) }
}

test('every EXIF orientation of a 12 MP JPEG is prepared upright, at half its size', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const upright = await quarterPhoto(4032, 3024)
  const dataDir = endpointDataDir(baseURL)
  const app = new AppPage(page)
  await app.open()
  for (let orientation = 1; orientation <= 8; orientation += 1) {
    const stored = await storedWithOrientation(upright, orientation)
    const file = { name: `exif-${orientation}.jpg`, mimeType: 'image/jpeg', buffer: stored }
    const { width, height, colours } = await addAndReadUpload(app, dataDir, file)
    await expect(app.stage).toHaveAttribute('data-image-height', '1512')
    console.log(
      `EXIF ${orientation}: uploaded ${width}×${height}, quarters ${JSON.stringify(colours)}`,
    )
    expect([width, height]).toEqual([2016, 1512])
    expect(closeTo(colours), `orientation ${orientation}`).toBe(true)
  }
})

test.describe('a browser without ImageDecoder', () => {
  // Routed, the worker's own script: a service worker would answer it first.
  test.use({ serviceWorkers: 'block' })

  test('prepares the same photo the same way, with createImageBitmap', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(90_000)
    let workersRouted = 0
    await page.route(/prepare-photo\.worker[^/]*\.js$/, async (route) => {
      const response = await route.fetch()
      workersRouted += 1
      await route.fulfill({
        response,
        body: `Reflect.deleteProperty(self, 'ImageDecoder');\n${await response.text()}`,
      })
    })
    const upright = await quarterPhoto(4032, 3024)
    const dataDir = endpointDataDir(baseURL)
    const app = new AppPage(page)
    await app.open()
    for (const orientation of [6, 5]) {
      const { width, height, colours } = await addAndReadUpload(app, dataDir, {
        name: `no-decoder-${orientation}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await storedWithOrientation(upright, orientation),
      })
      expect([width, height]).toEqual([2016, 1512])
      expect(closeTo(colours), `orientation ${orientation}`).toBe(true)
    }
    // The worker that prepared them was the routed one, without ImageDecoder.
    expect(workersRouted).toBeGreaterThan(0)
  })
})
