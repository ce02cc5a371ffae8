// Editing with the keyboard alone on a desktop: add a photo, reach the canvas, step through every
// box, move and resize one (nudges merge into one undo step), draw one, name it, relabel it and
// delete it, with the focus visible at every step and back on the canvas after each dialog.
// (Opening and closing the app's other dialogs is tested with them.)
import { expect, test, type Page } from '@playwright/test'
import { AppPage, photos, type BoxState } from './app-page'

test.use({ viewport: { width: 1280, height: 800 } })

/** What has the focus, and whether the page shows it: `:focus-visible` and a drawn outline. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element || element === document.body) return { name: 'body', visible: false }
    const style = getComputedStyle(element)
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    return {
      name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName,
      visible: element.matches(':focus-visible') && outlined,
    }
  })
}

async function expectFocusVisible(page: Page) {
  const state = await focusState(page)
  expect(state.visible, `focus ring on ${state.name}`).toBe(true)
}

/** Tab until `done` holds, checking the focus ring on each stop; returns how many presses. */
async function tabUntil(page: Page, done: () => Promise<boolean>, limit = 30): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab')
    await expectFocusVisible(page)
    if (await done()) return presses
  }
  throw new Error(`not reached in ${limit} presses of Tab`)
}

async function boxById(app: AppPage, id: string): Promise<BoxState | undefined> {
  return (await app.boxes()).find((box) => box.id === id)
}

test('every box can be reached, moved, resized, drawn, relabelled and deleted by keyboard', async ({
  page,
}) => {
  const app = new AppPage(page)
  const announcer = page.getByTestId('canvas-announcer')
  await app.open()
  const startUrl = page.url()

  // Add a photo: the picker's button opens the system's file chooser.
  const choose = page.getByRole('button', { name: 'Choose a photo' })
  await tabUntil(page, async () => choose.evaluate((element) => element === document.activeElement))
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Enter')
  await (await chooser).setFiles(photos.person)
  await app.waitForLabels()
  await expect.poll(() => app.boxCountOnCanvas()).toBeGreaterThan(1)

  const toCanvas = await tabUntil(page, async () =>
    app.canvas.evaluate((element) => element === document.activeElement),
  )
  console.log(`with the photo added, the canvas is ${toCanvas} presses of Tab away`)

  // ] visits every shown box once, announcing each, then comes round to the first again.
  const shown = await app.boxes()
  const visited: string[] = []
  for (let step = 0; step < shown.length; step += 1) {
    await page.keyboard.press(']')
    await expect(announcer).toContainText(`box ${step + 1} of ${shown.length}`)
    const text = (await announcer.textContent()) ?? ''
    expect(text).toMatch(/^[^,]+, \d+\.\d %, box \d+ of \d+: left [\d.]+ %, top [\d.]+ %/)
    visited.push(text.split(',')[0] ?? '')
    await expectFocusVisible(page)
  }
  expect(visited.sort()).toEqual(shown.map((box) => box.label).sort())
  await page.keyboard.press(']')
  await expect(announcer).toContainText(`box 1 of ${shown.length}`)
  await page.keyboard.press('[')
  await expect(announcer).toContainText(`box ${shown.length} of ${shown.length}`)
  await expect(app.canvas).toHaveAttribute('aria-label', /selected$/)

  // The Tie: four quick nudges are one undo step.
  while (!((await announcer.textContent()) ?? '').startsWith('Tie')) await page.keyboard.press(']')
  const tie = shown.find((box) => box.label === 'Tie')
  if (!tie) throw new Error('no Tie box detected on the portrait')
  const size = await app.imageSize()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Shift+ArrowUp')
  const pixels = async () => {
    const box = await boxById(app, tie.id)
    if (!box) throw new Error('the Tie box disappeared')
    const round = (value: number) => Math.round(value * 1000) / 1000
    return {
      dx: round((box.left - tie.left) * size.width),
      dy: round((box.top - tie.top) * size.height),
      dw: round((box.width - tie.width) * size.width),
      dh: round((box.height - tie.height) * size.height),
    }
  }
  await expect.poll(pixels).toEqual({ dx: -3, dy: -10, dw: 0, dh: 0 })
  await page.keyboard.press('Control+z')
  await expect.poll(pixels).toEqual({ dx: 0, dy: 0, dw: 0, dh: 0 })
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(pixels).toEqual({ dx: -3, dy: -10, dw: 0, dh: 0 })

  // Alt with the arrows sizes it from its top-left corner, and never navigates the page back.
  await page.keyboard.press('Alt+ArrowRight')
  await page.keyboard.press('Alt+Shift+ArrowDown')
  await page.keyboard.press('Control+ArrowLeft')
  await expect.poll(pixels).toEqual({ dx: -3, dy: -10, dw: 0, dh: 10 })
  expect(page.url()).toBe(startUrl)
  await expectFocusVisible(page)

  // B starts a box at the centre; arrows shape it; Enter names it in the dialog.
  const before = await app.boxes()
  await page.keyboard.press('b')
  await expect(announcer).toContainText('New box at the centre')
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('Alt+Shift+ArrowRight')
  await page.keyboard.press('Alt+Shift+ArrowRight')
  await app.screenshot('keyboard-drawing')
  await page.keyboard.press('Enter')
  const naming = page.getByRole('dialog', { name: 'Name the new box' })
  await expect(naming).toBeVisible()
  await expect(naming.getByLabel('Label', { exact: true })).toBeFocused()
  await page.keyboard.type('Badge')
  await page.keyboard.press('Enter')
  await expect(naming).toHaveCount(0)
  await expect(app.canvas).toBeFocused()
  await expectFocusVisible(page)
  await expect(announcer).toContainText('Badge, drawn by you')
  const badge = (await app.boxes()).find((box) => box.label === 'Badge')
  if (!badge) throw new Error('the keyboard box was not added')
  expect((await app.boxes()).length).toBe(before.length + 1)
  // Widened by 20 photo pixels from a square.
  expect(Math.round(badge.width * size.width - badge.height * size.height)).toBe(20)
  expect(badge.edited).toBe(true)

  // Enter relabels the selected box; focus comes back to the canvas.
  await page.keyboard.press('Enter')
  const relabel = page.getByRole('dialog', { name: 'Change the box’s label' })
  await expect(relabel.getByLabel('Label', { exact: true })).toBeFocused()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('Pin')
  await page.keyboard.press('Enter')
  await expect(relabel).toHaveCount(0)
  await expect(app.canvas).toBeFocused()
  await expectFocusVisible(page)
  await expect.poll(async () => (await boxById(app, badge.id))?.label).toBe('Pin')
  await app.screenshot('keyboard-box-relabelled')

  // Delete removes it; Escape deselects.
  await page.keyboard.press('Delete')
  await expect.poll(async () => boxById(app, badge.id)).toBeUndefined()
  await page.keyboard.press(']')
  await expect(page.getByRole('toolbar', { name: 'Selected box' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('toolbar', { name: 'Selected box' })).toHaveCount(0)
  await expect(app.canvas).toBeFocused()
  await expectFocusVisible(page)
})
