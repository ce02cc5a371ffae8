// Detection on this device: the app's own worker client (src/workers/detect-labels-client.ts)
// in headless Chromium, which has no GPU, so the worker runs the WASM backend.
import { budgets } from '../budgets.ts'
import { requireBrowser, requireHarness, type Measurement } from '../lib/context.ts'
import { figure } from '../lib/report.ts'
import { median } from '../lib/stats.ts'

export const measureOnDevice: Measurement = async (context) => {
  const harness = requireHarness(context)
  const page = await harness.open(requireBrowser(context))
  try {
    // A fresh page: the first call starts the worker and loads TF.js and the model.
    const run = await page.evaluate(
      async ([url, runs]) => {
        const api = window.imageLabelsBench
        if (!api) throw new Error('harness API missing')
        return api.detectOnDevice(url, runs)
      },
      [harness.photoUrl, context.runs] as const,
    )
    return {
      id: 'on-device',
      title: 'On the device',
      method: `The bench harness page prepares the generated photo with the app's worker (the default pixel budget: ${run.width}×${run.height}), then labels it with detectOnDevice() from src/workers/detect-labels-client.ts: the first call on a fresh page (worker start, TF.js, backend ${run.backend}, model fetch from the local static server, warm-up, and the photo), then ${context.runs} more; each time from the call to the answer on the main thread.`,
      figures: [
        figure('detection per photo after warm-up, median', median(run.detectMs), 'ms', {
          budget: budgets.deviceDetectMedianMs,
          note: `runs: ${run.detectMs.map((ms) => ms.toFixed(0)).join(', ')}; ${run.labelCount} labels`,
        }),
        figure('first use, model load included', run.firstUseMs, 'ms', {
          budget: budgets.deviceFirstUseMs,
        }),
        figure('model bytes (centernet.json + .bin)', run.modelBytes, 'B', { headline: true }),
      ],
    }
  } finally {
    await page.context().close()
  }
}
