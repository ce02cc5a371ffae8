// A crowded photo (a stand-in for a football team: the committed portraits tiled into one
// picture, as there is no team photo among the fixtures) labels many people at once. Their tags
// must never cover each other, on a desktop and on a phone, at the detection's threshold and at
// a low one. The canvas lists its tags as drawn in `data-tags`; the placement itself
// (src/lib/canvas/tag-layout.ts) is unit-tested.
import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { expect, test, type Page } from '@playwright/test'
import { AppPage, photos } from './app-page'

interface DrawnTag {
  text: string
  x: number
  y: number
  width: number
  height: number
}

const COLUMNS = 4
const ROWS = 3

/** Twelve people side by side: the portraits tiled, each tile a little cropped differently. */
async function crowdedPhoto(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const tile = { width: 256, height: 300 }
  const sources = [photos.person, 'tests/fixtures/photos/astronaut.png']
  const tiles = await Promise.all(
    Array.from({ length: COLUMNS * ROWS }, (_, index) =>
      sharp(readFileSync(sources[index % sources.length] ?? photos.person))
        .resize(tile.width, tile.height, {
          fit: 'cover',
          position: index % 3 === 0 ? 'top' : 'centre',
        })
        .toBuffer(),
    ),
  )
  const buffer = await sharp({
    create: {
      width: tile.width * COLUMNS,
      height: tile.height * ROWS,
      channels: 3,
      background: '#204020',
    },
  })
    .composite(
      tiles.map((input, index) => ({
        input,
        left: (index % COLUMNS) * tile.width,
        top: Math.floor(index / COLUMNS) * tile.height,
      })),
    )
    .jpeg({ quality: 90 })
    .toBuffer()
  return { name: 'crowd.jpg', mimeType: 'image/jpeg', buffer }
}

function intersect(a: DrawnTag, b: DrawnTag): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/** The tags as the canvas last drew them, once they have stopped changing. */
async function drawnTags(page: Page): Promise<DrawnTag[]> {
  const surface = page.locator('.photo-canvas__surface')
  let previous = ''
  await expect
    .poll(async () => {
      const current = (await surface.getAttribute('data-tags')) ?? ''
      const settled = current !== '' && current === previous
      previous = current
      return settled
    })
    .toBe(true)
  return JSON.parse(previous) as DrawnTag[]
}

function overlappingPairs(tags: DrawnTag[]): string[] {
  const pairs: string[] = []
  tags.forEach((tag, index) => {
    for (const other of tags.slice(index + 1)) {
      if (intersect(tag, other)) pairs.push(`${tag.text} × ${other.text}`)
    }
  })
  return pairs
}

for (const [device, use] of [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }],
] as const) {
  test.describe(device, () => {
    test.use(use)

    test(`no two tags overlap on a crowded photo (${device})`, async ({ page }) => {
      const app = new AppPage(page)
      await app.open()
      await app.addPhoto(await crowdedPhoto())
      await app.waitForLabels()
      const people = (await app.boxes()).filter((box) => box.label === 'Person')
      console.log(
        `${device}: ${people.length} people boxed, ${await app.boxCountOnCanvas()} boxes shown`,
      )
      expect(people.length).toBeGreaterThanOrEqual(6)

      const atThreshold = await drawnTags(page)
      console.log(
        `${device}: ${atThreshold.length} tags drawn: ${atThreshold.map((tag) => tag.text).join(', ')}`,
      )
      expect(atThreshold.length).toBeGreaterThanOrEqual(6)
      expect(overlappingPairs(atThreshold)).toEqual([])
      await app.screenshot(`crowded-${device}`)

      await app.setThreshold(20)
      await expect.poll(() => app.boxCountOnCanvas()).toBeGreaterThanOrEqual(people.length)
      const low = await drawnTags(page)
      console.log(`${device} at 20 %: ${await app.boxCountOnCanvas()} boxes, ${low.length} tags`)
      expect(overlappingPairs(low)).toEqual([])
      await app.screenshot(`crowded-${device}-20`)
    })
  })
}
