// What you see is what you export, and one gesture is one undo step: against the local endpoint
// in real Chromium. A parent label hidden in the category grouping and in the parent grouping
// hides its children's boxes on the canvas, and every export format (COCO, VOC, YOLO, CSV,
// Rekognition JSON, the annotated image) holds exactly the boxes drawn. Ten arrow-key nudges
// are one undo step, before and after a reload.
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import sharp from 'sharp'
import { AppPage, photos, type BoxState } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

/** A box in the photo's pixels, as each format states it. */
interface PixelBox {
  label: string
  x: number
  y: number
  width: number
  height: number
}

interface Exported {
  files: Record<string, Uint8Array>
  coco: PixelBox[]
  voc: PixelBox[]
  yolo: PixelBox[]
  csv: PixelBox[]
  rekognition: PixelBox[]
  annotated: Buffer
}

const PHOTO_STEM = 'grace_hopper'

function byPosition(boxes: PixelBox[]): PixelBox[] {
  return [...boxes].sort((a, b) => a.label.localeCompare(b.label) || a.x - b.x || a.y - b.y)
}

function toPixels(box: BoxState, size: { width: number; height: number }): PixelBox {
  return {
    label: box.label,
    x: box.left * size.width,
    y: box.top * size.height,
    width: box.width * size.width,
    height: box.height * size.height,
  }
}

async function exportEverything(page: Page, size: { width: number; height: number }) {
  await page.getByTestId('export-photo').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await dialog.locator('input[name="image-type"][value="png"]').check()
  const downloading = page.waitForEvent('download')
  await dialog.getByTestId('export-download').click()
  const download = await downloading
  const files = unzipSync(new Uint8Array(await readFile(await download.path())))
  await page.keyboard.press('Escape')
  if (await dialog.isVisible())
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()

  const coco = JSON.parse(strFromU8(files['coco/annotations.json']!)) as {
    annotations: { bbox: [number, number, number, number]; category_id: number }[]
    categories: { id: number; name: string }[]
  }
  const cocoName = new Map(coco.categories.map((category) => [category.id, category.name]))
  const voc = [
    ...strFromU8(files[`voc/${PHOTO_STEM}.xml`]!).matchAll(
      /<name>([^<]*)<\/name>[\s\S]*?<xmin>(\d+)<\/xmin>\s*<ymin>(\d+)<\/ymin>\s*<xmax>(\d+)<\/xmax>\s*<ymax>(\d+)<\/ymax>/g,
    ),
  ].map(([, label, xmin, ymin, xmax, ymax]) => ({
    label: label ?? '',
    x: Number(xmin) - 1,
    y: Number(ymin) - 1,
    width: Number(xmax) - Number(xmin) + 1,
    height: Number(ymax) - Number(ymin) + 1,
  }))
  const classes = strFromU8(files['yolo/classes.txt']!).trim().split('\n')
  const yolo = strFromU8(files[`yolo/labels/${PHOTO_STEM}.txt`]!)
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [index, cx, cy, w, h] = line.split(' ').map(Number)
      return {
        label: classes[index ?? -1] ?? '?',
        x: ((cx ?? 0) - (w ?? 0) / 2) * size.width,
        y: ((cy ?? 0) - (h ?? 0) / 2) * size.height,
        width: (w ?? 0) * size.width,
        height: (h ?? 0) * size.height,
      }
    })
  const [header, ...rows] = strFromU8(files['labels.csv']!).trim().split('\r\n')
  const column = (name: string) => (header ?? '').split(',').indexOf(name)
  const csv = rows.map((row) => {
    const cells = row.split(',')
    return {
      label: cells[column('label')] ?? '',
      x: Number(cells[column('x_px')]),
      y: Number(cells[column('y_px')]),
      width: Number(cells[column('width_px')]),
      height: Number(cells[column('height_px')]),
    }
  })
  const answer = JSON.parse(strFromU8(files[`rekognition/${PHOTO_STEM}.json`]!)) as {
    Labels: {
      Name: string
      Instances: { BoundingBox: { Left: number; Top: number; Width: number; Height: number } }[]
    }[]
  }
  const rekognition = answer.Labels.flatMap((label) =>
    label.Instances.map(({ BoundingBox: box }) => ({
      label: label.Name,
      x: box.Left * size.width,
      y: box.Top * size.height,
      width: box.Width * size.width,
      height: box.Height * size.height,
    })),
  )
  const cocoBoxes = coco.annotations.map((annotation) => ({
    label: cocoName.get(annotation.category_id) ?? '?',
    x: annotation.bbox[0],
    y: annotation.bbox[1],
    width: annotation.bbox[2],
    height: annotation.bbox[3],
  }))
  return {
    files,
    coco: cocoBoxes,
    voc,
    yolo,
    csv,
    rekognition,
    annotated: Buffer.from(files[`annotated/${PHOTO_STEM}.png`]!),
  } satisfies Exported
}

/** Every format holds the boxes drawn, box for box, within the rounding each format uses. */
function expectSameBoxes(format: string, exported: PixelBox[], drawn: PixelBox[]) {
  const got = byPosition(exported)
  const want = byPosition(drawn)
  expect(
    got.map((box) => box.label),
    format,
  ).toEqual(want.map((box) => box.label))
  got.forEach((box, index) => {
    const expected = want[index]!
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      // VOC rounds edges to whole pixels; the others keep two decimals or six of a fraction.
      expect(Math.abs(box[key] - expected[key]), `${format} ${box.label} ${key}`).toBeLessThan(1.01)
    }
  })
}

/** The colour at a point of a decoded RGB(A) image. */
async function pixelsOf(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return (x: number, y: number) => {
    const offset = (Math.round(y) * info.width + Math.round(x)) * 3
    return [data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0]
  }
}

const distance = (a: number[], b: number[]) => Math.hypot(...a.map((value, i) => value - b[i]!))

/**
 * The annotated image has a stroke on the left edge of every box drawn, and none on a box that
 * is not: compared with an export where every label is hidden (the photo as it is).
 */
async function expectAnnotatedBoxes(
  annotated: Buffer,
  plain: Buffer,
  drawn: PixelBox[],
  hidden: PixelBox[],
) {
  const [marked, photo] = await Promise.all([pixelsOf(annotated), pixelsOf(plain)])
  const leftEdgeMiddle = (box: PixelBox): [number, number] => [box.x + 1, box.y + box.height / 2]
  for (const box of drawn) {
    const [x, y] = leftEdgeMiddle(box)
    expect(distance(marked(x, y), photo(x, y)), `stroke of ${box.label}`).toBeGreaterThan(30)
  }
  for (const box of hidden) {
    const [x, y] = leftEdgeMiddle(box)
    expect(distance(marked(x, y), photo(x, y)), `no stroke on ${box.label}`).toBeLessThan(4)
  }
}

async function drawnBoxes(app: AppPage) {
  const size = await app.imageSize()
  const boxes = await app.boxes()
  await expect(app.canvas).toHaveAttribute('data-box-count', String(boxes.length))
  return boxes.map((box) => toPixels(box, size))
}

test('a hidden parent hides its children on the canvas and in every export, in both groupings', async ({
  page,
}) => {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto(photos.person)
  await app.waitForLabels()
  // A lower threshold than the detection's: exports follow the threshold on screen too.
  await app.setThreshold(30)
  const size = await app.imageSize()
  const everything = await drawnBoxes(app)
  const ties = everything.filter((box) => box.label === 'Tie')
  expect(ties.length, 'the tie is found').toBeGreaterThan(0)
  expect(everything.some((box) => box.label === 'Person')).toBe(true)

  // The photo as it is, for the annotated image: every label hidden.
  await page.getByRole('button', { name: 'Hide all' }).click()
  await expect(app.canvas).toHaveAttribute('data-box-count', '0')
  const plain = (await exportEverything(page, size)).annotated
  await page.getByRole('button', { name: 'Show all' }).click()
  await expect(app.canvas).toHaveAttribute('data-box-count', String(everything.length))

  // Category grouping: untick the scene label Accessories, a parent of Tie.
  await page.getByRole('checkbox', { name: 'Show Accessories', exact: true }).uncheck()
  const tieRow = app.labelRow('Tie', app.objects)
  await expect(tieRow).toHaveAttribute('data-visible', 'false')
  await expect(tieRow).toHaveAttribute('data-hidden-by', 'Accessories')
  await expect(tieRow.getByRole('checkbox', { name: 'Show Tie' })).toBeChecked()
  const withoutTie = await drawnBoxes(app)
  expect(withoutTie).toEqual(everything.filter((box) => box.label !== 'Tie'))
  let exported = await exportEverything(page, size)
  for (const format of ['coco', 'voc', 'yolo', 'csv', 'rekognition'] as const)
    expectSameBoxes(format, exported[format], withoutTie)
  await expectAnnotatedBoxes(exported.annotated, plain, withoutTie, ties)
  await app.screenshot('what-you-see-category-desktop')

  // Parent grouping: untick the group that holds Tie.
  await page.getByRole('button', { name: 'Show all' }).click()
  await expect(app.canvas).toHaveAttribute('data-box-count', String(everything.length))
  await page.locator('input[type="radio"][value="parents"]').check()
  const tieGroup = app.objects
    .getByTestId('label-group')
    .filter({ has: page.locator('[data-testid="label-row"][data-label="Tie"]') })
    .last()
  const groupName = await tieGroup.getAttribute('data-group')
  expect(groupName).toBeTruthy()
  await tieGroup
    .getByRole('checkbox', { name: `Show everything under ${groupName} in objects` })
    .first()
    .uncheck()
  await expect(app.labelRow('Tie', app.objects)).toHaveAttribute('data-visible', 'false')
  const parentsView = await drawnBoxes(app)
  expect(parentsView).toEqual(withoutTie)
  exported = await exportEverything(page, size)
  for (const format of ['coco', 'voc', 'yolo', 'csv', 'rekognition'] as const)
    expectSameBoxes(format, exported[format], parentsView)
  await expectAnnotatedBoxes(exported.annotated, plain, parentsView, ties)
  await app.screenshot('what-you-see-parents-desktop')

  // And with everything shown, everything is exported.
  await page.getByRole('button', { name: 'Show all' }).click()
  exported = await exportEverything(page, size)
  for (const format of ['coco', 'voc', 'yolo', 'csv', 'rekognition'] as const)
    expectSameBoxes(format, exported[format], everything)
  await expectAnnotatedBoxes(exported.annotated, plain, everything, [])
})

test('ten arrow-key nudges are one undo step, before and after a reload', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  const status = page.getByTestId('save-status')
  await expect(status).toHaveAttribute('data-status', 'saved', { timeout: 15_000 })
  const size = await app.imageSize()
  const start = (await app.boxes()).find((box) => box.label === 'Cat')
  if (!start) throw new Error('no Cat box')
  const centre = await app.grabPoint(start)
  await page.mouse.click(centre.x, centre.y)
  await expect(app.canvas).toBeFocused()
  // Towards whichever side has room for ten photo pixels.
  const right = (start.left + start.width) * size.width <= size.width - 10
  for (let press = 0; press < 10; press += 1)
    await page.keyboard.press(right ? 'ArrowRight' : 'ArrowLeft')
  const current = async () => (await app.boxes()).find((box) => box.id === start.id)
  const shift = async () => Math.round((((await current())?.left ?? 0) - start.left) * size.width)
  await expect.poll(shift).toBe(right ? 10 : -10)
  const nudged = await current()

  await page.getByTestId('undo').click()
  await expect.poll(current).toEqual(start)
  await expect(page.getByTestId('undo')).toBeDisabled()
  await page.getByTestId('redo').click()
  await expect.poll(current).toEqual(nudged)
  await expect(status).toHaveAttribute('data-status', 'saved', { timeout: 15_000 })

  await page.reload()
  await app.waitForLabels()
  await expect.poll(current).toEqual(nudged)
  await page.getByTestId('undo').click()
  await expect.poll(current).toEqual(start)
  await expect(page.getByTestId('undo')).toBeDisabled()
})
