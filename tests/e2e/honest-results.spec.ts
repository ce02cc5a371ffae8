// Results and texts that tell the truth (issue 11): empty results say why and what the local
// detector knows, a panorama is labelled, the start screen says where photos go, and the start
// screen does not shift while it loads.
import { expect, test, type Page } from '@playwright/test'
import { panorama } from '../local-aws/panorama.ts'
import { AppPage } from './app-page'

const rocket = 'tests/fixtures/photos/rocket.jpg'
const desktop = { viewport: { width: 1280, height: 800 } }

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

/** Sum of layout-shift scores not caused by input, from the first paint on. */
async function layoutShiftTotal(page: Page): Promise<number> {
  return page.evaluate(() =>
    (window as unknown as { layoutShiftTotal: () => number }).layoutShiftTotal(),
  )
}

async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    let total = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean }
        if (!shift.hadRecentInput) total += shift.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
    ;(window as unknown as { layoutShiftTotal: () => number }).layoutShiftTotal = () => total
  })
}

test.describe('start screen on a phone', () => {
  test.use(phone)

  test('does not shift while it loads (CLS under 0.01)', async ({ page }) => {
    await watchLayoutShifts(page)
    // As on a slow phone: a 4× slower CPU and config.json answering late, as Lighthouse saw it.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch()
      await new Promise((resolve) => setTimeout(resolve, 400))
      await route.fulfill({ response })
    })
    const app = new AppPage(page)
    await app.open()
    await expect(page.getByTestId('retention-note')).toBeVisible()
    // My photos lists (empty) and the idle warm-up runs: give late layout a moment.
    await page.waitForTimeout(1500)
    const total = await layoutShiftTotal(page)
    console.log(`CLS at 390×844: ${total.toFixed(4)}`)
    expect(total).toBeLessThan(0.01)
  })
})

for (const [name, device] of [
  ['phone', phone],
  ['desktop', desktop],
] as const) {
  test.describe(`on the ${name}`, () => {
    test.use(device)

    test('the local start screen says photos stay on this machine', async ({ page }) => {
      const app = new AppPage(page)
      await app.open()
      const privacy = page.getByTestId('privacy-note')
      await expect(privacy).toContainText('stay on this machine')
      await expect(privacy).not.toContainText('Rekognition')
      await expect(page.getByTestId('retention-note')).toContainText('nothing expires locally')
      await app.screenshot(`start-local-${name}`)
    })

    test('a photo with nothing the local detector knows says so and lists what it knows', async ({
      page,
    }) => {
      const app = new AppPage(page)
      await app.open()
      await app.addPhoto(rocket)
      await app.waitForLabels()
      const empty = page.getByTestId('empty-objects')
      await expect(empty).toContainText('The local detector found no objects at or above 55 %')
      await expect(empty).toContainText('80 everyday object types')
      await expect(page.getByTestId('empty-scene')).toContainText('names objects only')
      const list = page.getByTestId('local-detector-objects')
      await list.getByText('The 80 object types it knows').click()
      await list.getByText('Animals and Pets').scrollIntoViewIfNeeded()
      await expect(list.getByText('Animals and Pets')).toBeInViewport()
      // The photo's name stays in view while the list below it scrolls.
      const fileName = page.getByTestId('sheet-file')
      await expect(fileName).toHaveText('rocket.jpg')
      await expect(fileName).toBeInViewport()
      expect((await fileName.boundingBox())?.height).toBeGreaterThan(10)
      await app.screenshot(`empty-result-${name}`)
    })
  })
}

test.describe('the AWS start screen on a phone', () => {
  test.use(phone)

  test('names Rekognition and the retention days from the config', async ({ page }) => {
    // A deployed copy's config: no endpoint, the stack's retention. Nothing reaches AWS here.
    await page.route('**/config.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          region: 'eu-west-1',
          identityPoolId: 'eu-west-1:00000000-0000-4000-8000-000000000000',
          imagesBucket: 'image-labels-images',
          uploadRetentionDays: 7,
        }),
      }),
    )
    await page.route(/amazonaws\.com/, (route) => route.abort())
    await page.goto('/')
    await expect(page.getByTestId('privacy-note')).toContainText('sent to Amazon Rekognition')
    await expect(page.getByTestId('retention-note')).toContainText(
      'deleted automatically 7 days after you add them',
    )
    await page.screenshot({ path: 'test-results/screenshots/start-aws-phone.png' })
  })
})

test.describe('labels below the threshold', () => {
  test.use(desktop)

  test('an empty list offers to show what lies below, and does', async ({ page }) => {
    const app = new AppPage(page)
    await app.open()
    await app.addPhoto('tests/fixtures/photos/chelsea.png')
    await app.waitForLabels()
    await expect(app.labelRow('Cat', app.objects)).toBeVisible()
    const objects = await app.objects.getByTestId('label-row').count()
    await app.setThreshold(100)
    const show = page.getByTestId('empty-objects').getByRole('button', {
      name: 'Show those objects',
    })
    await expect(page.getByTestId('empty-objects')).toContainText(
      `${objects} object label${objects === 1 ? '' : 's'} below 100 %`,
    )
    await show.click()
    await expect(app.labelRow('Cat', app.objects)).toBeVisible()
    expect(Number(await app.slider.inputValue())).toBeLessThan(100)
  })
})

test.describe('a panorama', () => {
  test.use(desktop)

  test('an 8000×600 photo keeps its height and its person and cat are labelled', async ({
    page,
  }) => {
    const app = new AppPage(page)
    await app.open()
    const buffer = Buffer.from(await panorama())
    await app.addPhoto({ name: 'panorama.jpg', mimeType: 'image/jpeg', buffer })
    await app.waitForLabels()
    // Prepared by pixel count (3.7 MP), not to a 1920 px long side (which gave 1920×144).
    const size = await app.imageSize()
    expect(size.height).toBeGreaterThan(500)
    expect(size.width * size.height).toBeLessThanOrEqual(3_700_000)
    await expect(app.labelRow('Person', app.objects)).toBeVisible()
    await expect(app.labelRow('Cat', app.objects)).toBeVisible()
    await app.screenshot('panorama-desktop')
  })
})

test.describe('the setup screen at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })

  test('fits without horizontal scroll', async ({ page }) => {
    // A server error (a missing config.json means labelling on the device alone instead).
    await page.route('**/config.json', (route) => route.fulfill({ status: 500, body: 'none' }))
    await page.goto('/')
    await expect(page.getByRole('heading', { name: /config/i })).toBeVisible()
    const overflow = await page.evaluate(() => {
      const widest = Math.max(
        ...[...document.querySelectorAll('.setup, .setup *')].map(
          (element) => element.getBoundingClientRect().right,
        ),
      )
      return { page: document.documentElement.scrollWidth - window.innerWidth, widest }
    })
    expect(overflow.page).toBeLessThanOrEqual(0)
    expect(overflow.widest).toBeLessThanOrEqual(360)
    await page.screenshot({ path: 'test-results/screenshots/setup-360.png' })
  })
})
