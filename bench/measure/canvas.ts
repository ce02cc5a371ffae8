// Canvas redraw and label toggle at a phone viewport, with the canvas engineer's helper.
import { budgets } from '../budgets.ts'
import { requireBrowser, requireHarness, type Measurement } from '../lib/context.ts'
import { figure, runsNote, type Budget, type Figure } from '../lib/report.ts'
import { median } from '../lib/stats.ts'

const BOX_COUNTS = [50, 200, 1000] as const
const ROUNDS_PER_RUN = 15
/** The baseline's "ms per full redraw": everything the stage draws, hit graph included. */
const FULL_REDRAW_KEY = 'fullRedrawMs'
const TOGGLE_KEY = 'toggleMs'
const timingNames: Partial<Record<string, string>> = {
  fullRedrawMs: 'full redraw (stage with hit graph)',
  zoomFrameMs: 'zoom or pan frame (photo and box layers)',
  dragFrameMs: 'drag frame (box layer)',
  toggleMs: 'toggle a label',
}
const redrawBudgets: Partial<Record<number, Budget>> = {
  50: budgets.redraw50Ms,
  200: budgets.redraw200Ms,
  1000: budgets.redraw1000Ms,
}

export const measureCanvas: Measurement = async (context) => {
  const harness = requireHarness(context)
  const page = await harness.open(requireBrowser(context), {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  })
  const figures: Figure[] = []
  let pixelRatio = Number.NaN
  try {
    for (const boxCount of BOX_COUNTS) {
      const runs = []
      for (let index = 0; index < context.runs; index += 1) {
        runs.push(
          await page.evaluate(
            async ([count, rounds]) => {
              const api = window.imageLabelsBench
              if (!api) throw new Error('harness API missing')
              return api.redraw(count, rounds)
            },
            [boxCount, ROUNDS_PER_RUN] as const,
          ),
        )
      }
      pixelRatio = runs[0]?.pixelRatio ?? pixelRatio
      // Every timing the helper reports, whatever it names them, in the order it gives them.
      const keys = Object.keys(runs[0] ?? {}).filter(
        (key) => key !== 'boxCount' && key !== 'pixelRatio',
      )
      for (const key of keys) {
        const values = runs.map((run) => (run as unknown as Record<string, number>)[key] ?? NaN)
        const budget =
          key === FULL_REDRAW_KEY
            ? redrawBudgets[boxCount]
            : key === TOGGLE_KEY
              ? budgets.toggleMs
              : undefined
        figures.push(
          figure(`${boxCount} boxes, ${timingNames[key] ?? key}`, median(values), 'ms', {
            budget,
            headline: key === FULL_REDRAW_KEY,
            note: runsNote(values, 1),
          }),
        )
      }
    }
  } finally {
    await page.context().close()
  }
  return {
    id: 'canvas',
    title: 'Canvas',
    method: `measureRedraw() from src/components/canvas/redraw-benchmark.ts (the real BoxEditor, ${ROUNDS_PER_RUN} timed draws per run, each ending in a pixel read-back) in the harness page at 390×844, DPR 3 (canvas pixel ratio ${pixelRatio}); median of ${context.runs} runs' medians. Full redraw = everything including the hit graph (the budgeted figure); toggle = hiding one label's boxes and redrawing the box layer.`,
    figures,
  }
}
