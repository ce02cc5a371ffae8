// A photo chosen while another is on screen replaces it in place: the start screen does not flash
// up while the new one is prepared, the editor (its canvases) is kept rather than built again,
// and on a phone the photo keeps its size and place when the labels come in.
import { expect, test, type Page } from '@playwright/test'
import { AppPage, photos } from './app-page'

interface Watch {
  startScreenShown: number
  canvasRebuilt: boolean
  phases: string[]
  drawBoxDisabledWhilePreparing: boolean | null
  photoRects: { phase: string; top: number; height: number }[]
}

/** Watches, in the page, what the next photo's way to labels shows and moves. */
async function watchNextPhoto(page: Page): Promise<void> {
  await page.evaluate(() => {
    const firstCanvas = document.querySelector('.photo-canvas canvas')
    const watch: Watch = {
      startScreenShown: 0,
      canvasRebuilt: false,
      phases: [],
      drawBoxDisabledWhilePreparing: null,
      photoRects: [],
    }
    Object.assign(window, { nextPhotoWatch: watch })
    const look = () => {
      if (document.querySelector('section.welcome')) watch.startScreenShown += 1
      const canvas = document.querySelector('.photo-canvas canvas')
      if (canvas && canvas !== firstCanvas) watch.canvasRebuilt = true
      const phase = document
        .querySelector('[data-testid="photo-status"]')
        ?.getAttribute('data-phase')
      if (phase && watch.phases.at(-1) !== phase) {
        watch.phases.push(phase)
        const stage = document.querySelector('[data-testid="photo-stage"]')?.getBoundingClientRect()
        if (stage) watch.photoRects.push({ phase, top: stage.top, height: stage.height })
        if (phase === 'preparing') {
          const drawBox = [...document.querySelectorAll('button')].find(
            (button) => button.textContent?.trim() === 'Draw box',
          )
          watch.drawBoxDisabledWhilePreparing = drawBox?.disabled ?? null
        }
      }
    }
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-phase'],
    })
  })
}

async function readWatch(page: Page): Promise<Watch> {
  return page.evaluate(() => (window as unknown as { nextPhotoWatch: Watch }).nextPhotoWatch)
}

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('the next photo replaces the first in place: no start screen, same editor, no jump', async ({
    page,
  }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await app.waitForLabels()
    await expect(app.labelRow('Cat')).toBeVisible()
    const before = await app.stage.boundingBox()
    await watchNextPhoto(page)

    await app.addPhoto(photos.person)
    await expect(app.labelRow('Person')).toBeVisible({ timeout: 30_000 })
    await expect(app.labelRow('Cat')).toHaveCount(0)
    const watch = await readWatch(page)
    console.log(`next photo: ${JSON.stringify(watch)}`)

    expect(watch.phases).toContain('preparing')
    expect(watch.phases.at(-1)).toBe('ready')
    expect(watch.startScreenShown).toBe(0)
    expect(watch.canvasRebuilt).toBe(false)
    // Nothing to draw on or fit while the photo is not there yet.
    expect(watch.drawBoxDisabledWhilePreparing).toBe(true)
    // The photo area has one place and one size from the choice to the labels.
    expect(watch.photoRects.map((rect) => rect.phase)).toEqual(watch.phases)
    for (const rect of watch.photoRects) {
      expect(rect.top).toBeCloseTo(before?.y ?? Number.NaN, 0)
      expect(rect.height).toBeCloseTo(before?.height ?? Number.NaN, 0)
    }
    const after = await app.stage.boundingBox()
    expect(after?.height).toBeCloseTo(before?.height ?? Number.NaN, 0)
  })
})

test('a next photo that cannot be read fails on the start screen, beside the picker', async ({
  page,
}) => {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto(photos.cup)
  await app.waitForLabels()
  await app.addPhoto({
    name: 'broken.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('not a jpeg at all, just text'),
  })
  await expect(app.error).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('section.welcome')).toBeVisible()
  await expect(page.getByTestId('photo-input').first()).toBeAttached()
  await expect(app.error).toContainText('broken.jpg')
})
