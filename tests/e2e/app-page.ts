// Page object for the labelling app: what a user does and sees, plus the app state the
// canvas and the box list expose as data attributes (pixels would be brittle).
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { testControlTokenFile, testControlTokenHeader } from '../../scripts/test-control.ts'

export const photos = {
  cat: 'tests/fixtures/photos/chelsea.png',
  person: 'tests/fixtures/photos/grace_hopper.jpg',
  cup: 'tests/fixtures/photos/coffee.png',
}

export interface BoxState {
  id: string
  label: string
  left: number
  top: number
  width: number
  height: number
  edited: boolean
}

export interface ViewState {
  scale: number
  x: number
  y: number
}

export class AppPage {
  readonly photoInput: Locator
  readonly canvas: Locator
  readonly stage: Locator
  readonly objects: Locator
  readonly scene: Locator
  readonly error: Locator
  readonly slider: Locator

  constructor(readonly page: Page) {
    this.photoInput = page.getByTestId('photo-input').first()
    this.canvas = page.locator('.photo-canvas')
    this.stage = page.getByTestId('photo-stage')
    this.objects = page.getByTestId('objects')
    this.scene = page.getByTestId('scene')
    this.error = page.getByTestId('photo-error')
    this.slider = page.getByTestId('threshold')
  }

  async open() {
    await this.page.goto('/')
    await expect(this.photoInput).toBeAttached()
  }

  async addPhoto(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    await this.photoInput.setInputFiles(file)
  }

  labelRow(name: string, section: Locator = this.page.locator('body')): Locator {
    return section.locator(`[data-testid="label-row"][data-label="${name}"]`)
  }

  async waitForLabels() {
    await expect(this.page.getByTestId('label-panel')).toBeVisible({ timeout: 30_000 })
  }

  async boxes(): Promise<BoxState[]> {
    return this.page
      .getByTestId('box-list')
      .locator('li')
      .evaluateAll((items) =>
        items.map((item) => {
          const data = (item as HTMLElement).dataset
          return {
            id: data.boxId ?? '',
            label: data.label ?? '',
            left: Number(data.left),
            top: Number(data.top),
            width: Number(data.width),
            height: Number(data.height),
            edited: data.edited === 'true',
          }
        }),
      )
  }

  async boxCountOnCanvas(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-box-count'))
  }

  async view(): Promise<ViewState> {
    const [scale, x, y] = await Promise.all(
      ['data-view-scale', 'data-view-x', 'data-view-y'].map((name) =>
        this.canvas.getAttribute(name),
      ),
    )
    return { scale: Number(scale), x: Number(x), y: Number(y) }
  }

  async imageSize(): Promise<{ width: number; height: number }> {
    const [width, height] = await Promise.all([
      this.stage.getAttribute('data-image-width'),
      this.stage.getAttribute('data-image-height'),
    ])
    return { width: Number(width), height: Number(height) }
  }

  /** Where a point of the photo (in fractions of it) is on the page, through the canvas view. */
  async pagePoint(fx: number, fy: number): Promise<{ x: number; y: number }> {
    const rect = await this.canvas.boundingBox()
    if (!rect) throw new Error('canvas not visible')
    const view = await this.view()
    const size = await this.imageSize()
    return {
      x: rect.x + view.x + fx * size.width * view.scale,
      y: rect.y + view.y + fy * size.height * view.scale,
    }
  }

  /**
   * A point of `box` on the page where a press takes this box. Where boxes overlap the editor
   * takes the selected box, else the smallest: so a box that a smaller one covers is selected
   * first, through its label row (each press selects the label's next box).
   */
  async grabPoint(box: BoxState): Promise<{ x: number; y: number }> {
    const centre = { fx: box.left + box.width / 2, fy: box.top + box.height / 2 }
    const area = box.width * box.height
    const covered = (await this.boxes()).some(
      (other) =>
        other.id !== box.id &&
        other.width * other.height <= area &&
        centre.fx >= other.left &&
        centre.fx <= other.left + other.width &&
        centre.fy >= other.top &&
        centre.fy <= other.top + other.height,
    )
    if (covered) {
      const row = this.labelRow(box.label, this.objects).getByRole('button').first()
      for (let press = 0; press < 20; press += 1) {
        if ((await this.canvas.getAttribute('data-selected-id')) === box.id) break
        await row.click()
      }
      await expect(this.canvas).toHaveAttribute('data-selected-id', box.id)
    }
    return this.pagePoint(centre.fx, centre.fy)
  }

  async setThreshold(value: number) {
    await this.slider.fill(String(value))
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` })
  }
}

/** One finger on the glass, through Chromium's touch input: touchstart, moves, touchend. */
export async function touchDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  const cdp = await page.context().newCDPSession(page)
  const at = (x: number, y: number) => [{ x, y, id: 1 }]
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: at(from.x, from.y),
  })
  for (let step = 1; step <= 8; step += 1) {
    const x = from.x + ((to.x - from.x) * step) / 8
    const y = from.y + ((to.y - from.y) * step) / 8
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x, y) })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

/** Intersection over union of two normalised boxes. */
export function overlap(
  a: Omit<BoxState, 'id' | 'label' | 'edited'>,
  b: Omit<BoxState, 'id' | 'label' | 'edited'>,
): number {
  const left = Math.max(a.left, b.left)
  const top = Math.max(a.top, b.top)
  const right = Math.min(a.left + a.width, b.left + b.width)
  const bottom = Math.min(a.top + a.height, b.top + b.height)
  const intersection = Math.max(0, right - left) * Math.max(0, bottom - top)
  const union = a.width * a.height + b.width * b.height - intersection
  return union > 0 ? intersection / union : 0
}

/**
 * Stops or restarts the local endpoint behind the app, through the test control that
 * `scripts/start.ts --test-control` serves, with the token that start left in its data dir
 * (`--data test-results/local-aws-data-<E2E_PORT>` in playwright.config.ts).
 */
export async function controlEndpoint(page: Page, action: 'stop' | 'restart'): Promise<void> {
  const dataDir = `test-results/local-aws-data-${process.env.E2E_PORT ?? 4180}`
  const token = (await readFile(`${dataDir}/${testControlTokenFile}`, 'utf8')).trim()
  const response = await page.request.post(`/__test/local-aws/${action}`, {
    headers: { [testControlTokenHeader]: token },
  })
  expect(response.ok()).toBe(true)
}

/** Where `npm start` keeps the endpoint's data for this run: one folder per port (see playwright.config.ts). */
export function endpointDataDir(baseURL: string | undefined): string {
  return `test-results/local-aws-data-${new URL(baseURL ?? 'http://127.0.0.1:4180').port}`
}

/** Every key the endpoint has stored, read from its data files rather than through the app. */
export async function storedKeys(dataDir: string): Promise<string[]> {
  const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as {
    imagesBucket: string
  }
  const directory = join(dataDir, 'objects', config.imagesBucket)
  const names = (await readdir(directory)).filter((name) => name.endsWith('.json'))
  const records = await Promise.all(
    names.map(
      async (name) => JSON.parse(await readFile(join(directory, name), 'utf8')) as { key: string },
    ),
  )
  return records.map((record) => record.key)
}
