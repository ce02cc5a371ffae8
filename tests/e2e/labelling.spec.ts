// The main flows against the local endpoint: a desktop with a mouse and a phone with touch.
import { expect, test } from '@playwright/test'
import { AppPage, photos } from './app-page'

test.describe('desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('labels the cat photo, toggles, drags a box and filters by confidence', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await app.waitForLabels()

    const cat = app.labelRow('Cat', app.objects)
    await expect(cat).toBeVisible()
    await expect(app.labelRow('Cat', app.scene)).toHaveCount(0)
    const catBoxes = (await app.boxes()).filter((box) => box.label === 'Cat')
    expect(catBoxes.length).toBeGreaterThan(0)
    await expect(cat).toHaveAttribute('data-box-count', String(catBoxes.length))
    const shownBefore = await app.boxCountOnCanvas()
    expect(shownBefore).toBeGreaterThanOrEqual(catBoxes.length)
    await app.screenshot('desktop-labels')

    // Switching Cat off hides its boxes on the canvas and in the app state.
    await page.getByRole('checkbox', { name: 'Show Cat' }).uncheck()
    await expect(cat).toHaveAttribute('data-visible', 'false')
    await expect(app.canvas).toHaveAttribute(
      'data-box-count',
      String(shownBefore - catBoxes.length),
    )
    expect((await app.boxes()).some((box) => box.label === 'Cat')).toBe(false)
    await page.getByRole('checkbox', { name: 'Show Cat' }).check()
    await expect(app.canvas).toHaveAttribute('data-box-count', String(shownBefore))

    // Dragging the box moves it, and the store records the move as an edit.
    const [before] = (await app.boxes()).filter((box) => box.label === 'Cat')
    if (!before) throw new Error('no Cat box')
    const start = await app.grabPoint(before)
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(start.x + 20, start.y + 10, { steps: 4 })
    await page.mouse.move(start.x + 60, start.y + 30, { steps: 6 })
    await page.mouse.up()
    await expect
      .poll(async () => (await app.boxes()).find((box) => box.id === before.id)?.edited)
      .toBe(true)
    const after = (await app.boxes()).find((box) => box.id === before.id)
    if (!after) throw new Error('the moved box disappeared')
    const size = await app.imageSize()
    const { scale } = await app.view()
    // Clamping at the photo's edge may stop it short, but it moved right and down.
    expect(after.left).toBeGreaterThan(before.left)
    expect(after.left - before.left).toBeLessThanOrEqual(60 / scale / size.width + 1e-6)
    expect(after.top).toBeGreaterThanOrEqual(before.top - 1e-9)
    expect(after.width).toBeCloseTo(before.width, 3)
    await expect(
      page.locator('[data-testid="box-list"] li').filter({ hasText: 'Cat (edited)' }),
    ).toHaveCount(1)
    await app.screenshot('desktop-box-moved')

    // At 99 % nothing detected is left, in the list or on the photo.
    await app.setThreshold(99)
    await expect(page.getByTestId('threshold-value')).toHaveText('99 %')
    await expect(page.getByTestId('label-row')).toHaveCount(0)
    await expect(app.canvas).toHaveAttribute('data-box-count', '0')
    await app.setThreshold(50)
    await expect(app.canvas).toHaveAttribute('data-box-count', String(shownBefore))
  })
})

test.describe('desktop editing', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('draws a box, names it, relabels it and deletes it', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await app.waitForLabels()
    const detected = (await app.boxes()).length

    await page.getByRole('button', { name: 'Draw box' }).click()
    await expect(app.canvas).toHaveAttribute('data-mode', 'draw')
    const from = await app.pagePoint(0.05, 0.6)
    const to = await app.pagePoint(0.3, 0.9)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 8 })
    await page.mouse.up()
    const dialog = page.getByRole('dialog', { name: 'Name the new box' })
    await expect(dialog).toBeVisible()
    await dialog.getByLabel('Label', { exact: true }).fill('Whisker')
    await dialog.getByRole('button', { name: 'Save' }).click()

    await expect(app.labelRow('Whisker', app.objects)).toContainText('drawn by you')
    const drawn = (await app.boxes()).find((box) => box.label === 'Whisker')
    expect(drawn?.edited).toBe(true)
    expect(drawn?.left).toBeCloseTo(0.05, 1)
    expect(drawn?.width).toBeCloseTo(0.25, 1)
    expect((await app.boxes()).length).toBe(detected + 1)

    // The new box is selected: relabel it from the toolbar.
    await page.getByRole('button', { name: 'Relabel' }).click()
    const relabel = page.getByRole('dialog', { name: 'Change the box’s label' })
    await relabel.getByLabel('Label', { exact: true }).fill('Paw')
    await relabel.getByLabel('Label', { exact: true }).press('Enter')
    await expect(app.labelRow('Paw', app.objects)).toBeVisible()
    await expect(app.labelRow('Whisker')).toHaveCount(0)
    await app.screenshot('desktop-drawn-box')

    await page.getByRole('button', { name: 'Delete box' }).click()
    await expect(app.labelRow('Paw')).toHaveCount(0)
    expect((await app.boxes()).length).toBe(detected)
  })
})

test.describe('phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 3,
  })

  test('shows labels in the bottom sheet and pinch-zooms without moving boxes', async ({
    page,
  }) => {
    const app = new AppPage(page)
    await app.open()
    await expect(page.getByRole('button', { name: 'Take a photo' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Choose a photo' })).toBeVisible()
    await app.screenshot('phone-start')
    await app.addPhoto(photos.cat)
    await app.waitForLabels()

    const sheet = page.getByTestId('sheet')
    await expect(sheet.locator('[data-testid="label-row"][data-label="Cat"]')).toBeVisible()
    const sheetBox = await sheet.boundingBox()
    const canvasBox = await app.canvas.boundingBox()
    if (!sheetBox || !canvasBox) throw new Error('sheet or canvas not laid out')
    expect(sheetBox.y).toBeGreaterThan(canvasBox.y + canvasBox.height / 2)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    await app.screenshot('phone-labels')

    const boxesBefore = await app.boxes()
    const viewBefore = await app.view()
    const centre = { x: canvasBox.x + canvasBox.width / 2, y: canvasBox.y + canvasBox.height / 2 }
    const cdp = await page.context().newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: centre.x - spread, y: centre.y, id: 1 },
                { x: centre.x + spread, y: centre.y, id: 2 },
              ],
      })
    await touch('touchStart', 30)
    for (let spread = 40; spread <= 120; spread += 10) await touch('touchMove', spread)
    await touch('touchEnd', 120)

    await expect.poll(async () => (await app.view()).scale).toBeGreaterThan(viewBefore.scale * 1.5)
    // Zooming changes the view only: every box keeps its place on the photo.
    expect(await app.boxes()).toEqual(boxesBefore)
    await expect(sheet.locator('[data-testid="label-row"][data-label="Cat"]')).toBeVisible()
    await app.screenshot('phone-pinched')

    // The settings panel fits the phone, and nothing scrolls sideways even at 360 px.
    await page.getByRole('button', { name: 'Settings' }).click()
    await expect(page.getByRole('dialog', { name: 'Detection settings' })).toBeVisible()
    await app.screenshot('phone-settings')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Detection settings' })).toHaveCount(0)
    await page.setViewportSize({ width: 360, height: 740 })
    await expect(sheet.locator('[data-testid="label-row"][data-label="Cat"]')).toBeVisible()
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    await app.screenshot('phone-360')
  })
})
