// My photos against the local endpoint: autosave and reload, undo and redo, the export zip read
// back, delete with everything beside the photo (checked in the endpoint's storage), and three
// photos labelled at once.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import sharp from 'sharp'
import {
  AppPage,
  controlEndpoint,
  endpointDataDir,
  photos,
  storedKeys,
  type BoxState,
} from './app-page'

let dataDir = ''
test.beforeEach(({ baseURL }) => {
  dataDir = endpointDataDir(baseURL)
})

async function waitSaved(page: Page) {
  const status = page.getByTestId('save-status')
  // Idle (no document open yet) would read as saved too.
  await expect(status).not.toHaveClass(/save--idle/)
  await expect(status).toHaveAttribute('data-status', 'saved', {
    timeout: 15_000,
  })
}

async function dragBox(app: AppPage, box: BoxState, dx: number, dy: number) {
  const start = await app.grabPoint(box)
  await app.page.mouse.move(start.x, start.y)
  await app.page.mouse.down()
  await app.page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 4 })
  await app.page.mouse.move(start.x + dx, start.y + dy, { steps: 6 })
  await app.page.mouse.up()
}

const boxById = async (app: AppPage, id: string) => (await app.boxes()).find((box) => box.id === id)

test.describe('my photos on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('keeps an edit across reloads, undoes it, exports the zip and deletes the photo', async ({
    page,
  }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await app.waitForLabels()
    await waitSaved(page)

    const [original] = (await app.boxes()).filter((box) => box.label === 'Cat')
    if (!original) throw new Error('no Cat box')
    await dragBox(app, original, 60, 30)
    await expect.poll(async () => (await boxById(app, original.id))?.edited).toBe(true)
    const moved = await boxById(app, original.id)
    if (!moved) throw new Error('the moved box disappeared')
    expect(moved.left).toBeGreaterThan(original.left)
    await expect(page.getByTestId('undo')).toBeEnabled()
    await waitSaved(page)

    // Reload: the same photo comes back with the moved box.
    await page.reload()
    await app.waitForLabels()
    await expect.poll(async () => boxById(app, original.id)).toEqual(moved)

    // Undo survives the reload (the history is saved), and is saved in turn.
    await page.getByTestId('undo').click()
    await expect.poll(async () => boxById(app, original.id)).toEqual(original)
    await waitSaved(page)
    await page.reload()
    await app.waitForLabels()
    await expect.poll(async () => boxById(app, original.id)).toEqual(original)

    // Keyboard: Shift+Ctrl+Z redoes, Ctrl+Z undoes again.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+Shift+Z')
    await expect.poll(async () => boxById(app, original.id)).toEqual(moved)
    await page.keyboard.press('Control+Z')
    await expect.poll(async () => boxById(app, original.id)).toEqual(original)
    await page.keyboard.press('Control+Y')
    await expect.poll(async () => boxById(app, original.id)).toEqual(moved)
    await waitSaved(page)

    // Export this photo: every format in one zip, read back here.
    const visible = await app.boxes()
    const size = await app.imageSize()
    await page.getByTestId('export-photo').click()
    const dialog = page.getByTestId('export-dialog')
    await expect(dialog).toBeVisible()
    await app.screenshot('my-photos-export-desktop')
    const downloading = page.waitForEvent('download')
    await dialog.getByTestId('export-download').click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('chelsea-labels.zip')
    const files = unzipSync(new Uint8Array(await readFile(await download.path())))
    expect(Object.keys(files).sort()).toEqual([
      'annotated/chelsea.jpg',
      'coco/annotations.json',
      'labels.csv',
      'rekognition/chelsea.json',
      'voc/chelsea.xml',
      'yolo/classes.txt',
      'yolo/labels/chelsea.txt',
    ])
    // Kept beside the screenshots, to look at.
    await mkdir('test-results/screenshots', { recursive: true })
    await writeFile(
      'test-results/screenshots/my-photos-annotated-export.jpg',
      files['annotated/chelsea.jpg']!,
    )
    const annotated = await sharp(Buffer.from(files['annotated/chelsea.jpg']!)).metadata()
    expect([annotated.format, annotated.width, annotated.height]).toEqual([
      'jpeg',
      size.width,
      size.height,
    ])
    const coco = JSON.parse(strFromU8(files['coco/annotations.json']!)) as {
      images: { width: number; height: number }[]
      annotations: { bbox: number[]; category_id: number }[]
      categories: { id: number; name: string }[]
    }
    expect(coco.images).toEqual([
      expect.objectContaining({ width: size.width, height: size.height }),
    ])
    expect(coco.annotations).toHaveLength(visible.length)
    const catId = coco.categories.find((category) => category.name === 'Cat')?.id
    const movedInPixels = [
      moved.left * size.width,
      moved.top * size.height,
      moved.width * size.width,
      moved.height * size.height,
    ]
    const exported = coco.annotations.filter((annotation) => annotation.category_id === catId)
    expect(
      exported.some((annotation) =>
        annotation.bbox.every((value, index) => Math.abs(value - movedInPixels[index]!) < 0.02),
      ),
    ).toBe(true)
    const yoloLines = strFromU8(files['yolo/labels/chelsea.txt']!).trim().split('\n')
    expect(yoloLines).toHaveLength(visible.length)
    for (const line of yoloLines) {
      for (const value of line.split(' ').slice(1).map(Number)) {
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
    }
    expect(strFromU8(files['voc/chelsea.xml']!)).toContain('<name>Cat</name>')
    expect(strFromU8(files['labels.csv']!).trim().split('\r\n')).toHaveLength(visible.length + 1)
    const rekognition = JSON.parse(strFromU8(files['rekognition/chelsea.json']!)) as {
      Labels: { Name: string }[]
    }
    expect(rekognition.Labels.map((label) => label.Name)).toContain('Cat')
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()

    // Delete from My photos: the photo and its side files leave the endpoint's storage.
    await page.getByRole('button', { name: 'My photos' }).click()
    const item = page.getByTestId('my-photos-item')
    await expect(item).toHaveCount(1)
    const photoKey = await item.getAttribute('data-photo-key')
    if (!photoKey) throw new Error('no photo key')
    const stem = photoKey.replace(/\.jpg$/, '')
    await expect(item.locator('img')).toBeVisible()
    await app.screenshot('my-photos-gallery-desktop')
    expect((await storedKeys(dataDir)).filter((key) => key.startsWith(stem)).sort()).toEqual([
      `${stem}.analysis.json`,
      `${stem}.jpg`,
      `${stem}.thumb.jpg`,
    ])
    await page.getByRole('button', { name: 'Delete chelsea.png' }).click()
    await expect(page.getByTestId('confirm-delete')).toBeVisible()
    await app.screenshot('my-photos-delete-desktop')
    await page.getByTestId('confirm-delete-button').click()
    await expect(item).toHaveCount(0)
    await expect
      .poll(async () => (await storedKeys(dataDir)).filter((key) => key.startsWith(stem)))
      .toEqual([])
  })

  test('labels three photos added at once, each with its own progress', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.photoInput.setInputFiles([photos.cat, photos.person, photos.cup])
    const items = page.getByTestId('queue-item')
    await expect(items).toHaveCount(3)
    await expect(page.locator('[data-testid="queue-item"] progress').first()).toBeVisible()
    await expect(page.locator('[data-testid="queue-item"][data-phase="done"]')).toHaveCount(3, {
      timeout: 45_000,
    })
    for (const text of await items.allTextContents()) expect(text).toMatch(/[1-9]\d* labels?/)
    await expect(page.getByTestId('my-photos-item')).toHaveCount(3)
    await expect(page.getByTestId('my-photos-item').locator('img')).toHaveCount(3)
    await app.screenshot('my-photos-queue-desktop')

    // Reopening one from My photos shows its labels.
    await page.getByRole('button', { name: 'Open coffee.png' }).click()
    await app.waitForLabels()
    expect((await app.boxes()).length).toBeGreaterThan(0)
  })
})

test.describe('saving while the endpoint is down', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test.afterEach(async ({ page }) => {
    await controlEndpoint(page, 'restart')
  })

  test('a failed save says so, is retried, and lands once the endpoint is back', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cat)
    await app.waitForLabels()
    await waitSaved(page)
    const [cat] = (await app.boxes()).filter((box) => box.label === 'Cat')
    if (!cat) throw new Error('no Cat box')

    await controlEndpoint(page, 'stop')
    await dragBox(app, cat, 50, 25)
    await expect.poll(async () => (await boxById(app, cat.id))?.edited).toBe(true)
    const moved = await boxById(app, cat.id)
    const status = page.getByTestId('save-status')
    await expect(status).toHaveAttribute('data-status', 'retrying', { timeout: 15_000 })
    await expect(status).toHaveText(/Not saved/)
    await app.screenshot('my-photos-save-retrying-desktop')

    await controlEndpoint(page, 'restart')
    await expect(status).toHaveAttribute('data-status', 'saved', { timeout: 40_000 })
    await page.reload()
    await app.waitForLabels()
    await expect.poll(async () => boxById(app, cat.id)).toEqual(moved)
  })
})

test.describe('a queue with a bad file', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('one file failing does not stop the others', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    const file = async (path: string, mimeType: string) => ({
      name: path.split('/').pop() ?? path,
      mimeType,
      buffer: await readFile(path),
    })
    await app.photoInput.setInputFiles([
      await file(photos.cat, 'image/png'),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo\n') },
      await file(photos.cup, 'image/png'),
    ])
    const done = page.locator('[data-testid="queue-item"][data-phase="done"]')
    const failed = page.locator('[data-testid="queue-item"][data-phase="failed"]')
    await expect(done).toHaveCount(2, { timeout: 45_000 })
    await expect(failed).toHaveCount(1)
    await expect(failed).toContainText('notes.txt')
    await expect(failed).toContainText('not an image')
    await expect(page.getByTestId('my-photos-item')).toHaveCount(2)
  })
})

test.describe('two tabs on one photo', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('a move in one tab and a relabel in the other both survive (412, then merge)', async ({
    page,
    context,
  }) => {
    const first = new AppPage(page)
    await first.open()
    await first.addPhoto(photos.cat)
    await first.waitForLabels()
    await waitSaved(page)
    const [cat] = (await first.boxes()).filter((box) => box.label === 'Cat')
    if (!cat) throw new Error('no Cat box')

    // The same guest (one browser) opens the photo in a second tab, at the same version.
    const otherPage = await context.newPage()
    const refused: string[] = []
    otherPage.on('response', (response) => {
      if (response.status() === 412) refused.push(response.url())
    })
    const second = new AppPage(otherPage)
    await second.open()
    await otherPage.getByRole('button', { name: 'Open chelsea.png' }).click()
    await second.waitForLabels()
    await waitSaved(otherPage)

    // Tab 1 moves the box and saves first.
    await dragBox(first, cat, 40, 20)
    await expect.poll(async () => (await boxById(first, cat.id))?.edited).toBe(true)
    const moved = await boxById(first, cat.id)
    await waitSaved(page)

    // Tab 2 still holds the old ETag: it relabels the box; its write is refused and merged.
    const centre = await second.grabPoint(cat)
    await otherPage.mouse.click(centre.x, centre.y)
    await otherPage.getByRole('button', { name: 'Relabel' }).click()
    const relabel = otherPage.getByRole('dialog', { name: 'Change the box’s label' })
    await relabel.getByLabel('Label', { exact: true }).fill('Tabby')
    await relabel.getByLabel('Label', { exact: true }).press('Enter')
    await waitSaved(otherPage)
    expect(refused).toHaveLength(1)
    expect(refused[0]).toContain('.analysis.json')
    // Tab 2 now shows both edits.
    await expect
      .poll(async () => boxById(second, cat.id))
      .toEqual({ ...moved, label: 'Tabby', edited: true })

    // And so does tab 1 after a reload: nothing was lost.
    await page.reload()
    await first.waitForLabels()
    await expect
      .poll(async () => boxById(first, cat.id))
      .toEqual({ ...moved, label: 'Tabby', edited: true })
  })
})

test.describe('my photos on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 3,
  })

  test('has undo and redo buttons, My photos and the export dialog', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto(photos.cup)
    await app.waitForLabels()
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Redo' })).toBeVisible()
    await waitSaved(page)
    await app.screenshot('my-photos-editor-phone')

    await page.getByRole('button', { name: 'My photos' }).click()
    await expect(page.getByTestId('my-photos-item').locator('img')).toBeVisible()
    await expect(page.getByTestId('retention-note')).toContainText('tied to this browser')
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    await app.screenshot('my-photos-gallery-phone')

    await page.getByTestId('my-photos-export').click()
    await expect(page.getByTestId('export-dialog')).toBeVisible()
    await app.screenshot('my-photos-export-phone')
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-download').click()
    const files = unzipSync(new Uint8Array(await readFile(await (await downloading).path())))
    expect(Object.keys(files)).toContain('annotated/coffee.jpg')
  })
})
