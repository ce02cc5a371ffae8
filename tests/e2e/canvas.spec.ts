// Canvas gestures in real Chromium against the running app: resize by handle, wheel zoom about
// the pointer, keyboard nudge and delete, and drawing a new box. Pinch and box drag are covered
// by labelling.spec.ts. Everything is checked through the app's state, not pixels.
import { expect, test } from '@playwright/test'
import { AppPage, photos, type BoxState } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

async function openWithCat(app: AppPage): Promise<BoxState> {
  await app.open()
  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  const cat = (await app.boxes()).find((box) => box.label === 'Cat')
  if (!cat) throw new Error('no Cat box detected')
  return cat
}

async function boxById(app: AppPage, id: string): Promise<BoxState | undefined> {
  return (await app.boxes()).find((box) => box.id === id)
}

test('a corner handle resizes the selected box, keeping the opposite corner', async ({ page }) => {
  const app = new AppPage(page)
  const before = await openWithCat(app)
  const centre = await app.pagePoint(before.left + before.width / 2, before.top + before.height / 2)
  await page.mouse.click(centre.x, centre.y)

  const size = await app.imageSize()
  const { scale } = await app.view()
  const corner = await app.pagePoint(before.left + before.width, before.top + before.height)
  // Inwards, so clamping at the photo's edge cannot interfere.
  await page.mouse.move(corner.x, corner.y)
  await page.mouse.down()
  await page.mouse.move(corner.x - 20, corner.y - 15, { steps: 4 })
  await page.mouse.move(corner.x - 40, corner.y - 30, { steps: 4 })
  await page.mouse.up()

  await expect.poll(async () => (await boxById(app, before.id))?.edited).toBe(true)
  const after = await boxById(app, before.id)
  if (!after) throw new Error('the resized box disappeared')
  expect(after.left).toBeCloseTo(before.left, 4)
  expect(after.top).toBeCloseTo(before.top, 4)
  // 40 × 30 screen pixels less, within a pixel of the pointer.
  expect(after.width * size.width * scale).toBeCloseTo(before.width * size.width * scale - 40, 0)
  expect(after.height * size.height * scale).toBeCloseTo(
    before.height * size.height * scale - 30,
    0,
  )
  await app.screenshot('canvas-resized')
})

test('the wheel zooms about the pointer and keeps boxes on the photo', async ({ page }) => {
  const app = new AppPage(page)
  await openWithCat(app)
  const boxesBefore = await app.boxes()
  const viewBefore = await app.view()
  const rect = await app.canvas.boundingBox()
  if (!rect) throw new Error('canvas not laid out')
  const pointer = await app.pagePoint(0.3, 0.6)
  await page.mouse.move(pointer.x, pointer.y)
  await page.mouse.wheel(0, -300)

  await expect.poll(async () => (await app.view()).scale).toBeGreaterThan(viewBefore.scale * 1.2)
  const view = await app.view()
  // The photo point under the pointer is still under it, to within a screen pixel.
  const size = await app.imageSize()
  const drawnAt = {
    x: rect.x + view.x + 0.3 * size.width * view.scale,
    y: rect.y + view.y + 0.6 * size.height * view.scale,
  }
  expect(Math.abs(drawnAt.x - pointer.x)).toBeLessThan(1)
  expect(Math.abs(drawnAt.y - pointer.y)).toBeLessThan(1)
  expect(await app.boxes()).toEqual(boxesBefore)

  await app.canvas.focus()
  await page.keyboard.press('0')
  await expect.poll(async () => (await app.view()).scale).toBeCloseTo(viewBefore.scale, 6)
})

test('arrow keys nudge the selected box by one photo pixel, Delete removes it', async ({
  page,
}) => {
  const app = new AppPage(page)
  const before = await openWithCat(app)
  const centre = await app.pagePoint(before.left + before.width / 2, before.top + before.height / 2)
  await page.mouse.click(centre.x, centre.y)
  await expect(app.canvas).toBeFocused()
  const size = await app.imageSize()

  // Towards whichever edge has room: a box on the photo's bottom edge cannot go down.
  const up = before.top * size.height >= 1
  await page.keyboard.press(up ? 'ArrowUp' : 'ArrowDown')
  const moved = async () => {
    const box = await boxById(app, before.id)
    return Math.round(((box?.top ?? before.top) - before.top) * size.height * 1000) / 1000
  }
  await expect.poll(moved).toBe(up ? -1 : 1)
  const nudged = await boxById(app, before.id)
  expect(nudged?.left).toBeCloseTo(before.left, 9)
  expect(nudged?.height).toBeCloseTo(before.height, 9)
  expect(nudged?.edited).toBe(true)

  const shown = await app.boxCountOnCanvas()
  await page.keyboard.press('Delete')
  await expect.poll(async () => boxById(app, before.id)).toBeUndefined()
  await expect(app.canvas).toHaveAttribute('data-box-count', String(shown - 1))
})

test('draw mode adds a box where the pointer was dragged, with the label typed', async ({
  page,
}) => {
  const app = new AppPage(page)
  await openWithCat(app)
  const shown = await app.boxCountOnCanvas()
  await page.getByRole('button', { name: 'Draw box' }).click()
  await expect(app.canvas).toHaveAttribute('data-mode', 'draw')

  const start = await app.pagePoint(0.05, 0.05)
  const end = await app.pagePoint(0.25, 0.3)
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 })
  await page.mouse.move(end.x, end.y, { steps: 4 })
  await page.mouse.up()

  const dialog = page.getByTestId('box-label-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('combobox', { name: 'Label' }).fill('Sticker')
  await dialog.getByRole('button', { name: 'Save' }).click()

  await expect(app.canvas).toHaveAttribute('data-box-count', String(shown + 1))
  const drawn = (await app.boxes()).find((box) => box.label === 'Sticker')
  if (!drawn) throw new Error('the drawn box is not in the app state')
  const { scale } = await app.view()
  const pixel = 1 / ((await app.imageSize()).width * scale)
  expect(Math.abs(drawn.left - 0.05)).toBeLessThan(2 * pixel)
  expect(Math.abs(drawn.top - 0.05)).toBeLessThan(0.01)
  expect(Math.abs(drawn.width - 0.2)).toBeLessThan(2 * pixel)
  expect(Math.abs(drawn.height - 0.25)).toBeLessThan(0.01)
  await expect(app.canvas).toHaveAttribute('data-mode', 'select')

  // A tap in draw mode is not a box.
  await page.getByRole('button', { name: 'Draw box' }).click()
  const tap = await app.pagePoint(0.5, 0.9)
  await page.mouse.click(tap.x, tap.y)
  await expect(dialog).toBeHidden()
  await app.screenshot('canvas-drawn')
})
