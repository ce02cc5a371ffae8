// Canvas gestures in real Chromium against the running app: resize by handle, wheel zoom about
// the pointer, keyboard nudge and delete, drawing a new box, and moving a small box by touch.
// Pinch and box drag are covered by labelling.spec.ts. Everything is checked through the app's
// state, not pixels.
import { expect, test } from '@playwright/test'
import {
  HANDLE_SIZE_MOUSE,
  HANDLE_SIZE_TOUCH,
  handleLayout,
  type PlacedHandle,
} from '../../src/lib/canvas/handle-layout'
import { AppPage, photos, touchDrag, type BoxState } from './app-page'

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

/**
 * Where the editor puts a handle of the selected box, on the page: the same handleLayout the
 * editor runs, fed with the box and the canvas as the page lays them out now.
 */
async function handleOnPage(
  app: AppPage,
  box: BoxState,
  handleSize: number,
  name: PlacedHandle['name'],
): Promise<{ x: number; y: number }> {
  const rect = await app.canvas.boundingBox()
  if (!rect) throw new Error('canvas not laid out')
  const topLeft = await app.pagePoint(box.left, box.top)
  const bottomRight = await app.pagePoint(box.left + box.width, box.top + box.height)
  const layout = handleLayout({
    box: {
      x: topLeft.x - rect.x,
      y: topLeft.y - rect.y,
      width: bottomRight.x - topLeft.x,
      height: bottomRight.y - topLeft.y,
    },
    handleSize,
    area: { x: 0, y: 0, width: rect.width, height: rect.height },
  })
  const handle = layout.handles.find((placed) => placed.name === name)
  if (!handle) throw new Error(`the box has no ${name} handle`)
  return {
    x: rect.x + handle.target.x + handle.target.width / 2,
    y: rect.y + handle.target.y + handle.target.height / 2,
  }
}

test('a corner handle resizes the selected box, keeping the opposite corner', async ({ page }) => {
  const app = new AppPage(page)
  const before = await openWithCat(app)
  const centre = await app.grabPoint(before)
  await page.mouse.click(centre.x, centre.y)

  const size = await app.imageSize()
  const { scale } = await app.view()
  // The handle sits beside the corner (outside the box where there is room), not on it.
  const corner = await handleOnPage(app, before, HANDLE_SIZE_MOUSE, 'bottom-right')
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
  const centre = await app.grabPoint(before)
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

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('a small box keeps its handles outside it and moves by a drag from inside it', async ({
    page,
  }) => {
    const app = new AppPage(page)
    await openWithCat(app)
    // The ball of the football photo: 34×33 px on screen, drawn near the photo's top left.
    await page.getByRole('button', { name: 'Draw box' }).click()
    const start = await app.pagePoint(0.08, 0.12)
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(start.x + 17, start.y + 16, { steps: 3 })
    await page.mouse.move(start.x + 34, start.y + 33, { steps: 3 })
    await page.mouse.up()
    const dialog = page.getByTestId('box-label-dialog')
    await dialog.getByRole('combobox', { name: 'Label' }).fill('Ball')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const drawn = (await app.boxes()).find((box) => box.label === 'Ball')
    if (!drawn) throw new Error('the drawn box is not in the app state')

    const centreOf = (box: BoxState) =>
      app.pagePoint(box.left + box.width / 2, box.top + box.height / 2)
    const tapAt = await centreOf(drawn)
    await page.touchscreen.tap(tapAt.x, tapAt.y)
    await expect(app.page.getByRole('button', { name: 'Delete box' })).toBeVisible()
    await app.screenshot('phone-small-box-selected')

    // From just inside its bottom-right corner, where a 28 px handle used to sit: the box moves.
    const selected = (await boxById(app, drawn.id)) ?? drawn
    const corner = await app.pagePoint(
      selected.left + selected.width,
      selected.top + selected.height,
    )
    const from = { x: corner.x - 5, y: corner.y - 5 }
    const { scale } = await app.view()
    const size = await app.imageSize()
    await touchDrag(page, from, { x: from.x + 60, y: from.y + 45 })
    await expect.poll(async () => (await boxById(app, drawn.id))?.left).not.toBe(selected.left)
    const moved = await boxById(app, drawn.id)
    if (!moved) throw new Error('the moved box disappeared')
    expect((moved.left - selected.left) * size.width * scale).toBeCloseTo(60, 0)
    expect((moved.top - selected.top) * size.height * scale).toBeCloseTo(45, 0)
    expect(moved.width).toBeCloseTo(selected.width, 9)
    expect(moved.height).toBeCloseTo(selected.height, 9)

    // Its outside corner handle still resizes it.
    const handle = await handleOnPage(app, moved, HANDLE_SIZE_TOUCH, 'bottom-right')
    await touchDrag(page, handle, { x: handle.x + 30, y: handle.y + 20 })
    await expect.poll(async () => (await boxById(app, drawn.id))?.width).not.toBe(moved.width)
    const resized = await boxById(app, drawn.id)
    expect(resized?.left).toBeCloseTo(moved.left, 6)
    expect(((resized?.width ?? 0) - moved.width) * size.width * scale).toBeCloseTo(30, 0)
  })
})
