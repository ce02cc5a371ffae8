// Selecting a box must not move the photo under the finger that selected it: the box's actions
// appear in a slot of fixed height at the top of the label sheet, so the canvas keeps its place
// and its scale, and a drag started where the tap was moves the box rather than a handle.
import { expect, test, type Page } from '@playwright/test'
import { HANDLE_SIZE_TOUCH } from '../../src/lib/canvas/handle-layout'
import { AppPage, photos, touchDrag, type BoxState } from './app-page'

async function openPortrait(app: AppPage): Promise<BoxState[]> {
  await app.open()
  await app.addPhoto(photos.person)
  await app.waitForLabels()
  await expect.poll(() => app.boxCountOnCanvas()).toBeGreaterThan(1)
  return app.boxes()
}

/** The canvas's place on the page and the view inside it, to compare before and after a tap. */
async function layout(app: AppPage) {
  const rect = await app.canvas.boundingBox()
  if (!rect) throw new Error('canvas not laid out')
  return { rect, view: await app.view() }
}

async function boxById(app: AppPage, id: string): Promise<BoxState | undefined> {
  return (await app.boxes()).find((box) => box.id === id)
}

function centreOf(app: AppPage, box: BoxState) {
  return app.pagePoint(box.left + box.width / 2, box.top + box.height / 2)
}

async function focusOutlineOf(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle)
}

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('a tap selects a small box without moving the photo, and a drag from there moves it', async ({
    page,
  }) => {
    const app = new AppPage(page)
    const boxes = await openPortrait(app)
    const tie = boxes.find((box) => box.label === 'Tie')
    if (!tie) throw new Error('no Tie box detected on the portrait')
    const size = await app.imageSize()
    const before = await layout(app)
    // Small on a phone: too short for three touch handles, so they go outside it.
    const onScreen = {
      width: tie.width * size.width * before.view.scale,
      height: tie.height * size.height * before.view.scale,
    }
    expect(onScreen.width).toBeLessThan(HANDLE_SIZE_TOUCH * 3)
    await app.screenshot('phone-before-selecting')

    const tap = await centreOf(app, tie)
    await page.touchscreen.tap(tap.x, tap.y)
    await expect(page.getByRole('toolbar', { name: 'Selected box' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Delete box' })).toBeVisible()
    const selected = await layout(app)
    console.log(
      `phone: canvas ${JSON.stringify(before.rect)} scale ${before.view.scale} before the tap, ` +
        `${JSON.stringify(selected.rect)} scale ${selected.view.scale} after`,
    )
    expect(selected).toEqual(before)
    await app.screenshot('phone-box-selected')

    // The same point again, now dragged: the box follows the finger and keeps its size.
    await touchDrag(page, tap, { x: tap.x - 50, y: tap.y - 40 })
    await expect.poll(async () => (await boxById(app, tie.id))?.left).not.toBe(tie.left)
    const moved = await boxById(app, tie.id)
    if (!moved) throw new Error('the dragged box disappeared')
    expect((moved.left - tie.left) * size.width * before.view.scale).toBeCloseTo(-50, 0)
    expect((moved.top - tie.top) * size.height * before.view.scale).toBeCloseTo(-40, 0)
    expect(moved.width).toBeCloseTo(tie.width, 9)
    expect(moved.height).toBeCloseTo(tie.height, 9)
    expect(await layout(app)).toEqual(before)

    // Done gives the sheet its handle back, in the same slot: still nothing moves.
    await page.getByRole('button', { name: 'Done' }).tap()
    await expect(page.getByRole('toolbar', { name: 'Selected box' })).toHaveCount(0)
    await expect(page.getByTestId('sheet').getByRole('button', { name: /labels/ })).toBeVisible()
    expect(await layout(app)).toEqual(before)
  })
})

test.describe('desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('selecting a box keeps the canvas where it was; the actions sit beside the photo', async ({
    page,
  }) => {
    const app = new AppPage(page)
    const boxes = await openPortrait(app)
    const person = boxes.find((box) => box.label === 'Person')
    if (!person) throw new Error('no Person box detected on the portrait')
    const before = await layout(app)
    await app.screenshot('desktop-before-selecting')

    const click = await centreOf(app, person)
    await page.mouse.click(click.x, click.y)
    const actions = page.getByRole('toolbar', { name: 'Selected box' })
    await expect(actions).toContainText('Person')
    const selected = await layout(app)
    console.log(
      `desktop: canvas ${JSON.stringify(before.rect)} scale ${before.view.scale} before the click, ` +
        `${JSON.stringify(selected.rect)} scale ${selected.view.scale} after`,
    )
    expect(selected).toEqual(before)
    // Beside the photo, not above it.
    const bar = await actions.boundingBox()
    expect(bar?.x ?? 0).toBeGreaterThanOrEqual(before.rect.x + before.rect.width)
    await app.screenshot('desktop-box-selected')

    // The bar comes next in the tab order after the canvas. Hiding the box from it hands focus
    // back to the canvas, not to the page, with the ring shown for a keyboard user.
    await expect(app.canvas).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(actions.getByRole('button', { name: 'Relabel' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(actions.getByRole('button', { name: 'Hide box' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(actions).toHaveCount(0)
    await expect(app.canvas).toBeFocused()
    expect(await focusOutlineOf(page)).not.toBe('none')
    expect(await layout(app)).toEqual(before)
  })
})
