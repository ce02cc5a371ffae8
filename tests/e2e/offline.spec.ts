// The installable, offline half of the app against the local endpoint: the service worker opens
// the app with the network off, the manifest passes Chromium's installability check, a photo
// shared to the app is opened and labelled, and five photos cut short by a reload are finished on
// the next start, each stored whole and once (read back from the endpoint's data files).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { chromiumArgs, findChromium } from '../../scripts/chromium.ts'
import { AppPage, photos } from './app-page'

let dataDir = ''
test.beforeEach(({ baseURL }) => {
  dataDir = `test-results/local-aws-data-${new URL(baseURL ?? 'http://127.0.0.1:4180').port}`
})

/** Every key the endpoint has stored, read from its data files rather than through the app. */
async function storedKeys(): Promise<string[]> {
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

/** Waits until the service worker has taken over the page (it claims open pages on activation). */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  })
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
  const before = new Set(await storedKeys())
  const five = [
    photos.cat,
    photos.person,
    photos.cup,
    'tests/fixtures/photos/rocket.jpg',
    'tests/fixtures/photos/astronaut.png',
  ]
  await app.photoInput.setInputFiles(five)
  await expect(page.getByTestId('queue-item')).toHaveCount(5)
  await page.waitForTimeout(1_500)
  await page.reload()

  // The next start picks up what was left, says so in the queue, and finishes it.
  const items = page.getByTestId('queue-item')
  await expect
    .poll(
      async () =>
        (await storedKeys()).filter((key) => !before.has(key) && key.endsWith('.analysis.json'))
          .length,
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

  const added = (await storedKeys()).filter((key) => !before.has(key))
  const photoKeys = added.filter((key) => /\/[0-9a-f]+\.jpg$/.test(key))
  expect(photoKeys).toHaveLength(5)
  for (const key of photoKeys) {
    expect(added).toContain(key.replace(/\.jpg$/, '.thumb.jpg'))
    expect(added).toContain(key.replace(/\.jpg$/, '.analysis.json'))
  }
  expect(added).toHaveLength(15)
  // Nothing is left to resume.
  const pending = await page.evaluate(
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
  expect(pending).toBe(0)
})

// TODO(lead): the issue's "offline, a photo is labelled on the device and waits; back online it is
// uploaded once and listed in My photos" needs src/services/device-detector.ts (the other half of
// issue 12). With it: choose "On this device" in Settings, context.setOffline(true), add a photo →
// labels appear and its queue item has data-phase="offline" ("Waiting for the network");
// context.setOffline(false) → the queue item is done, storedKeys() gains its photo, thumbnail and
// analysis once each. The queue and pipeline already handle it (tests/unit/services/
// pending-photos.mocked.spec.ts runs that path with a detector that reads no storage).
