// Preparing the 12 MP photo in Chromium through the app's own worker client and worker.
import { budgets } from '../budgets.ts'
import { requireBrowser, requireHarness, type Measurement } from '../lib/context.ts'
import { figure } from '../lib/report.ts'
import { median } from '../lib/stats.ts'
import type { PrepareRun } from '../harness/api.ts'

export const measurePreparation: Measurement = async (context) => {
  const harness = requireHarness(context)
  const browser = requireBrowser(context)
  const runs: PrepareRun[] = []
  const coldRuns: PrepareRun[] = []
  // A fresh page each run: its first call also starts the worker, as the app's first photo does;
  // its second is a photo prepared by a worker already running.
  for (let index = 0; index < context.runs; index += 1) {
    const page = await harness.open(browser)
    try {
      const prepare = () =>
        page.evaluate(async (url) => {
          const api = window.imageLabelsBench
          if (!api) throw new Error('harness API missing')
          return api.prepare(url)
        }, harness.photoUrl)
      coldRuns.push(await prepare())
      runs.push(await prepare())
    } finally {
      await page.context().close()
    }
  }
  const everyRun = [...coldRuns, ...runs]
  const longest = Math.max(...everyRun.map((run) => run.longTasks.longestMs))
  const last = runs.at(-1)
  return {
    id: 'preparation',
    title: 'Photo preparation',
    method: `The bench harness page (bench/harness, built by Vite like the app) calls the app's preparePhoto() from src/workers/prepare-photo-client.ts on the generated ${context.photo.storedWidth}×${context.photo.storedHeight} JPEG (${context.photo.bytes.toLocaleString('en-US')} B, EXIF orientation ${context.photo.orientation}) with the default size (3.7 MP); time from the call to the prepared photo back on the main thread; each run opens a fresh page, whose first call also starts the worker and whose second uses it; long tasks from a PerformanceObserver('longtask'), which sees tasks of 50 ms and more.`,
    figures: [
      figure('time, 12 MP → prepared', median(runs.map((run) => run.totalMs)), 'ms', {
        budget: budgets.prepareMs,
        note: `worker alone ${median(runs.map((run) => run.workerMs)).toFixed(0)} ms; runs: ${runs.map((run) => run.totalMs.toFixed(0)).join(', ')}`,
      }),
      figure(
        'time, first photo (worker start included)',
        median(coldRuns.map((run) => run.totalMs)),
        'ms',
        {
          budget: budgets.firstPrepareMs,
          note: `a fresh page and worker each run; runs: ${coldRuns.map((run) => run.totalMs.toFixed(0)).join(', ')}`,
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
