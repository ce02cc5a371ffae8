// Preparing the 12 MP photo in Chromium through the app's own worker client and worker.
import type { Page } from '@playwright/test'
import { budgets } from '../budgets.ts'
import { requireBrowser, requireHarness, type Measurement } from '../lib/context.ts'
import { figure } from '../lib/report.ts'
import { median } from '../lib/stats.ts'
import type { PrepareRun } from '../harness/api.ts'
import { DEFAULT_MAX_MEGAPIXELS, targetSize } from '../../src/lib/photo-preparation.ts'

/** What a user waits for in the app while the worker has been started as the page opened. */
const CHOOSING_MS = 1000

/** The prepared size the app's rule gives the bench photo, upright. */
function preparedSize(photo: { storedWidth: number; storedHeight: number; orientation: number }) {
  const quarterTurn = photo.orientation >= 5
  const upright = quarterTurn
    ? { width: photo.storedHeight, height: photo.storedWidth }
    : { width: photo.storedWidth, height: photo.storedHeight }
  const size = targetSize(upright)
  return `${size.width}×${size.height}`
}

export const measurePreparation: Measurement = async (context) => {
  const harness = requireHarness(context)
  const browser = requireBrowser(context)
  const runs: PrepareRun[] = []
  const firstRuns: PrepareRun[] = []
  const unstartedRuns: PrepareRun[] = []
  const onFreshPage = async (work: (page: Page) => Promise<void>) => {
    const page = await harness.open(browser)
    try {
      await work(page)
    } finally {
      await page.context().close()
    }
  }
  const prepare = (page: Page) =>
    page.evaluate(async (url) => {
      const api = window.imageLabelsBench
      if (!api) throw new Error('harness API missing')
      return api.prepare(url)
    }, harness.photoUrl)
  for (let index = 0; index < context.runs; index += 1) {
    // As in the app: the worker starts when the page has opened (App.vue's warm-up), the user
    // takes a moment to choose the photo, and the page's first preparation follows; then a
    // second photo.
    await onFreshPage(async (page) => {
      await page.evaluate(() => window.imageLabelsBench?.startWorker())
      await page.waitForTimeout(CHOOSING_MS)
      firstRuns.push(await prepare(page))
      runs.push(await prepare(page))
    })
    // The photo itself starts the worker: its start and first-use setup on the photo's way.
    await onFreshPage(async (page) => {
      unstartedRuns.push(await prepare(page))
    })
  }
  const everyRun = [...firstRuns, ...unstartedRuns, ...runs]
  const longest = Math.max(...everyRun.map((run) => run.longTasks.longestMs))
  const last = runs.at(-1)
  return {
    id: 'preparation',
    title: 'Photo preparation',
    method: `The bench harness page (bench/harness, built by Vite like the app) calls the app's preparePhoto() from src/workers/prepare-photo-client.ts on the generated ${context.photo.storedWidth}×${context.photo.storedHeight} JPEG (${context.photo.bytes.toLocaleString('en-US')} B, EXIF orientation ${context.photo.orientation}) with the default pixel budget (${DEFAULT_MAX_MEGAPIXELS} MP at most; this photo comes out at ${preparedSize(context.photo)}, upright); time from the call to the prepared photo back on the main thread; each run opens a fresh page that starts the worker as the app does, waits a second as a user choosing a photo would, then prepares the photo twice, and another fresh page whose first call starts the worker itself; long tasks from a PerformanceObserver('longtask'), which sees tasks of 50 ms and more.`,
    figures: [
      figure('time, 12 MP → prepared', median(runs.map((run) => run.totalMs)), 'ms', {
        budget: budgets.prepareMs,
        note: `worker alone ${median(runs.map((run) => run.workerMs)).toFixed(0)} ms; runs: ${runs.map((run) => run.totalMs.toFixed(0)).join(', ')}`,
      }),
      figure(
        'time, first photo (worker started while it is chosen, as the app does)',
        median(firstRuns.map((run) => run.totalMs)),
        'ms',
        {
          budget: budgets.firstPrepareMs,
          note: `a fresh page each run, the worker started as it opens and the photo chosen ${CHOOSING_MS} ms later; in the worker ${median(firstRuns.map((run) => run.workerMs)).toFixed(0)} ms; runs: ${firstRuns.map((run) => run.totalMs.toFixed(0)).join(', ')}`,
        },
      ),
      figure(
        'time, first photo when the photo starts the worker',
        median(unstartedRuns.map((run) => run.totalMs)),
        'ms',
        {
          note: `a fresh page each run; worker start and first-use setup included; in the worker ${median(unstartedRuns.map((run) => run.workerMs)).toFixed(0)} ms; runs: ${unstartedRuns.map((run) => run.totalMs.toFixed(0)).join(', ')}`,
        },
      ),
      figure('longest main-thread task', longest, 'ms', {
        budget: budgets.prepareLongestTaskMs,
        note:
          longest === 0
            ? 'no long task (≥ 50 ms) in any run'
            : `${everyRun.reduce((sum, run) => sum + run.longTasks.count, 0)} long tasks over all runs`,
      }),
      figure('output bytes', median(runs.map((run) => run.outputBytes)), 'B', {
        budget: budgets.prepareOutputBytes,
        note: last ? `${last.width}×${last.height}, quality ${last.quality}` : undefined,
      }),
    ],
  }
}
