// The installable, offline half of the app against the local endpoint: the service worker opens
// the app with the network off, the manifest passes Chromium's installability check, a photo
// shared to the app is opened and labelled, five photos cut short by a reload are finished on the
// next start, and with the model downloaded ahead from Settings a photo is labelled on the device
// offline and uploaded when the network returns; each stored whole and once (read back from the
// endpoint's data files).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { chromiumArgs, findChromium } from '../../scripts/chromium.ts'
import { AppPage, endpointDataDir, photos, storedKeys } from './app-page'

let dataDir = ''
test.beforeEach(({ baseURL }) => {
  dataDir = endpointDataDir(baseURL)
})

/** Waits until the service worker has taken over the page (it claims open pages on activation). */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  })
}

/** Photos whose work is not finished, as the job store keeps them across reloads. */
function pendingCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('image-labels')
        open.onsuccess = () => {
          const count = open.result
            .transaction('pending-photos')
            .objectStore('pending-photos')
            .count()
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => reject(new Error(String(count.error)))
        }
        open.onerror = () => reject(new Error(String(open.error)))
      }),
  )
}

test('opens offline after a first load', async ({ page, context }) => {
  const app = new AppPage(page)
  await app.open()
  await controlled(page)
  await context.setOffline(true)
  await page.reload()
  await expect(app.photoInput).toBeAttached()
  await expect(page.getByRole('heading', { name: 'My photos' })).toBeVisible()
  await context.setOffline(false)
})

test('is installable: Chromium reports no installability errors', async ({ baseURL }) => {
  const profile = await mkdtemp(join(tmpdir(), 'image-labels-install-'))
  const executablePath = findChromium()
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    args: chromiumArgs,
    ...(executablePath ? { executablePath } : {}),
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(baseURL ?? '/')
    await controlled(page)
    const cdp = await context.newCDPSession(page)
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[]
    }
    expect(installabilityErrors).toEqual([])
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] }
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/)
    expect(manifest.errors).toEqual([])
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
})

test('a photo shared to the app is opened and labelled', async ({ page }) => {
  const app = new AppPage(page)
  await app.open()
  await controlled(page)
  const bytes = [...(await readFile(photos.cat))]
  // The Share sheet POSTs a form to the manifest's share_target; here the page does the same, so
  // the service worker (not the server) receives it.
  const opened = await page.evaluate(async (data) => {
    const form = new FormData()
    form.append('photos', new File([new Uint8Array(data)], 'shared-cat.png', { type: 'image/png' }))
    const response = await fetch('/share-target', { method: 'POST', body: form })
    return { redirected: response.redirected, url: response.url }
  }, bytes)
  expect(opened.redirected).toBe(true)
  expect(new URL(opened.url).searchParams.get('shared')).toBe('1')
  await page.goto(opened.url)
  await app.waitForLabels()
  await expect(app.labelRow('Cat')).toBeVisible()
  await expect(page).toHaveURL(/\/$/)
})

test('five photos cut short by a reload are finished on the next start, each once', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const app = new AppPage(page)
  await app.open()
  const before = new Set(await storedKeys(dataDir))
  const five = [
    photos.cat,
    photos.person,
    photos.cup,
    'tests/fixtures/photos/rocket.jpg',
    'tests/fixtures/photos/astronaut.png',
  ]
  await app.photoInput.setInputFiles(five)
  await expect(page.getByTestId('queue-item')).toHaveCount(5)
  // Reloaded once the first photo is done: the others are cut short at whatever step they reached
  // (a fixed wait let a fast machine finish all five first).
  await expect(page.locator('[data-testid="queue-item"][data-phase="done"]').first()).toBeAttached()
  await page.reload()

  // The next start picks up what was left, says so in the queue, and finishes it.
  const items = page.getByTestId('queue-item')
  await expect
    .poll(
      async () =>
        (await storedKeys(dataDir)).filter(
          (key) => !before.has(key) && key.endsWith('.analysis.json'),
        ).length,
      {
        timeout: 90_000,
      },
    )
    .toBe(5)
  await expect(page.locator('[data-testid="queue-item"]:not([data-phase="done"])')).toHaveCount(0)
  expect(await items.count()).toBeGreaterThan(0)
  await expect(
    page.locator('[data-testid="queue-item"][data-resumed="true"]').first(),
  ).toBeAttached()

  const added = (await storedKeys(dataDir)).filter((key) => !before.has(key))
  const photoKeys = added.filter((key) => /\/[0-9a-f]+\.jpg$/.test(key))
  expect(photoKeys).toHaveLength(5)
  for (const key of photoKeys) {
    expect(added).toContain(key.replace(/\.jpg$/, '.thumb.jpg'))
    expect(added).toContain(key.replace(/\.jpg$/, '.analysis.json'))
  }
  expect(added).toHaveLength(15)
  // Nothing is left to resume.
  expect(await pendingCount(page)).toBe(0)
})

test('offline, a photo is labelled on the device and waits; back online it is uploaded once', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000)
  const app = new AppPage(page)
  await app.open()
  await controlled(page)
  const before = new Set(await storedKeys(dataDir))

  // On this device, and its model downloaded ahead from Settings.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Detection settings' })
  await settings.getByRole('radio', { name: 'On this device' }).check()
  const offlineModel = settings.getByTestId('offline-model')
  await expect(offlineModel).toContainText(/\d\.\d MB/)
  await settings.getByRole('button', { name: 'Download for offline use' }).click()
  await expect(settings.getByText('Ready offline')).toBeVisible({ timeout: 30_000 })
  await settings.getByRole('button', { name: 'Close' }).click()

  await context.setOffline(true)
  await page.reload()
  await expect(app.photoInput).toBeAttached()
  // Settings remembers the copy: it is found in the cache with the network off.
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByText('Ready offline')).toBeVisible()
  await page
    .getByRole('dialog', { name: 'Detection settings' })
    .getByRole('button', { name: 'Close' })
    .click()

  await app.addPhoto(photos.cat)
  await app.waitForLabels()
  await expect(app.labelRow('Cat')).toBeVisible()
  expect((await app.boxes()).filter((box) => box.label === 'Cat').length).toBeGreaterThan(0)
  // It waits, recorded, for the network.
  await expect(page.getByTestId('kept-on-device')).toBeVisible()
  expect(await pendingCount(page)).toBe(1)
  expect((await storedKeys(dataDir)).filter((key) => !before.has(key))).toEqual([])

  await context.setOffline(false)
  await expect
    .poll(async () => (await storedKeys(dataDir)).filter((key) => !before.has(key)).length, {
      timeout: 60_000,
    })
    .toBe(3)
  // Give a second upload time to show itself before counting once more.
  await page.waitForTimeout(2_000)
  const added = (await storedKeys(dataDir)).filter((key) => !before.has(key))
  const photoKey = added.find((key) => /\/[0-9a-f]+\.jpg$/.test(key)) ?? ''
  expect(added.sort()).toEqual(
    [
      photoKey,
      photoKey.replace(/\.jpg$/, '.thumb.jpg'),
      photoKey.replace(/\.jpg$/, '.analysis.json'),
    ].sort(),
  )
  await expect.poll(() => pendingCount(page)).toBe(0)
  await page.getByRole('button', { name: 'My photos' }).click()
  await expect(page.getByRole('button', { name: 'Open chelsea.png' })).toBeVisible()
})
