// axe-core on every screen a user meets: no serious or critical WCAG 2.2 AA violation on the
// start screen, the labelled photo (phone and desktop), a selected box, each dialog and the error
// screens. axe cannot judge focus order or trapping: tests/e2e/dialogs.spec.ts does that.
import { expect, test, type Page } from '@playwright/test'
import { AppPage, controlEndpoint, photos } from './app-page'
import { expectNoSeriousViolations } from './axe'

// axe's script is injected into the page; the app's CSP would refuse it.
test.use({ bypassCSP: true, viewport: { width: 1280, height: 800 } })

async function labelled(page: Page): Promise<AppPage> {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  await expect(app.labelRow('Cat', app.objects)).toBeVisible()
  return app
}

async function selectCatBox(app: AppPage) {
  await app.labelRow('Cat', app.objects).locator('button').click()
  await expect(app.page.getByRole('button', { name: 'Relabel' })).toBeVisible()
}

test('the start screen', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await expectNoSeriousViolations(page, 'start screen')
})

test('a labelled photo on a desktop, with a box selected and a label switched off', async ({
  page,
}) => {
  const app = await labelled(page)
  // The result, said once in the polite status: as many labels and boxes as the panel lists.
  const labels = await page.getByTestId('label-row').count()
  const boxes = (await app.boxes()).length
  const plural = (count: number, one: string, many: string) =>
    `${count} ${count === 1 ? one : many}`
  await expect(page.getByTestId('result-announcement')).toHaveText(
    `${plural(labels, 'label', 'labels')}, ${plural(boxes, 'box', 'boxes')}`,
  )
  await expect(page.getByTestId('result-announcement')).toHaveAttribute('role', 'status')
  await expectNoSeriousViolations(page, 'labelled, desktop')
  // Each label row's button is named by what it shows, words apart, then by what it does.
  const rowButtons = page.getByTestId('label-row').locator('button')
  for (const button of await rowButtons.all()) {
    const shown = (
      await button.evaluate((element) =>
        [...element.children]
          .filter((child) => !child.classList.contains('visually-hidden'))
          .map((child) => (child as HTMLElement).innerText)
          .join(' '),
      )
    )
      .replace(/\s+/g, ' ')
      .trim()
    const escaped = shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    await expect(button).toHaveAccessibleName(
      new RegExp(`^${escaped} (highlight|\\d+ box(es)?, select the next box)$`),
    )
  }
  await selectCatBox(app)
  await expectNoSeriousViolations(page, 'box selected, desktop')
  // Switched off and highlighted at once: the dimmest text on the darkest row.
  await page.getByRole('checkbox', { name: 'Show Cat' }).uncheck()
  await app.labelRow('Cat', app.objects).locator('button').hover()
  await expect(app.labelRow('Cat', app.objects)).toHaveAttribute('data-highlighted', 'true')
  await expectNoSeriousViolations(page, 'label switched off and highlighted, desktop')
})

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

  test('a labelled photo on a phone, sheet collapsed and expanded', async ({ page }) => {
    await labelled(page)
    await expectNoSeriousViolations(page, 'labelled, phone')
    await page.getByTestId('sheet').locator('.sheet__handle').click()
    await expectNoSeriousViolations(page, 'labelled, phone, sheet expanded')
  })
})

test('Settings', async ({ page }) => {
  await labelled(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('dialog', { name: 'Detection settings' })).toBeVisible()
  await expectNoSeriousViolations(page, 'Settings')
})

test('Export', async ({ page }) => {
  await labelled(page)
  await page.getByTestId('export-photo').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await expectNoSeriousViolations(page, 'Export')
})

test('My photos, and its delete confirmation', async ({ page }) => {
  await labelled(page)
  await page.getByRole('button', { name: 'My photos' }).click()
  const myPhotos = page.getByTestId('my-photos')
  await expect(myPhotos.getByTestId('my-photos-item')).toHaveCount(1)
  await expectNoSeriousViolations(page, 'My photos')
  await myPhotos
    .getByTestId('my-photos-item')
    .getByRole('button', { name: /^Delete/ })
    .click()
  await expect(page.getByTestId('confirm-delete')).toBeVisible()
  await expectNoSeriousViolations(page, 'delete confirmation')
})

test('the relabel dialog', async ({ page }) => {
  const app = await labelled(page)
  await selectCatBox(app)
  await page.getByRole('button', { name: 'Relabel' }).click()
  await expect(page.getByTestId('box-label-dialog')).toBeVisible()
  await expectNoSeriousViolations(page, 'relabel dialog')
})

test('a text file', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await app.addPhoto({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('text\n') })
  await expect(app.error).toContainText('not an image')
  await expectNoSeriousViolations(page, 'error: a text file')
})

test.describe('the endpoint down', () => {
  test.afterEach(async ({ page }) => {
    await controlEndpoint(page, 'restart')
  })

  test('the endpoint down before the first photo', async ({ page }) => {
    test.setTimeout(90_000)
    const app = new AppPage(page)
    await app.open()
    await controlEndpoint(page, 'stop')
    await app.addPhoto(photos.cat)
    await expect(app.error).toContainText('could not be reached', { timeout: 45_000 })
    await expectNoSeriousViolations(page, 'error: the endpoint down')
  })
})
