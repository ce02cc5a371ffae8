// Page load: Lighthouse's mobile preset (simulated slow 4G and 4× CPU) on the production build.
import { budgets } from '../budgets.ts'
import { startDebuggableChromium } from '../lib/chromium-debug.ts'
import { NotMeasured, requireAppBuild, requireBrowser, type Measurement } from '../lib/context.ts'
import { startBuiltProduct } from '../lib/product.ts'
import { figure, runsNote } from '../lib/report.ts'
import { median } from '../lib/stats.ts'

interface LighthouseRun {
  score: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
  bytes: number
  requests: number
}

function numeric(audits: Record<string, { numericValue?: number }>, id: string): number {
  const value = audits[id]?.numericValue
  if (value === undefined) throw new Error(`Lighthouse gave no ${id}`)
  return value
}

/** Imported on use, so that a missing Lighthouse costs this section only. */
async function loadLighthouse(): Promise<typeof import('lighthouse').default> {
  try {
    return (await import('lighthouse')).default
  } catch (error) {
    throw new NotMeasured(
      `Lighthouse cannot be loaded (${error instanceof Error ? error.message : String(error)})`,
    )
  }
}

export const measurePageLoad: Measurement = async (context) => {
  requireAppBuild(context)
  requireBrowser(context)
  const lighthouse = await loadLighthouse()
  const product = await startBuiltProduct(context.workDir)
  const chromium = await startDebuggableChromium(context.workDir)
  const runs: LighthouseRun[] = []
  let version = ''
  try {
    for (let index = 0; index < context.runs; index += 1) {
      // Lighthouse's default config is the mobile preset: Moto G Power screen, simulated
      // 1.6 Mbps down / 750 kbps up / 150 ms RTT and 4× CPU slowdown.
      const result = await lighthouse(product.url, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      })
      if (!result) throw new Error('Lighthouse returned nothing')
      const { lhr } = result
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`)
      version = lhr.lighthouseVersion
      const audits = lhr.audits
      const requests = audits['network-requests']?.details
      runs.push({
        score: (lhr.categories.performance?.score ?? Number.NaN) * 100,
        fcpMs: numeric(audits, 'first-contentful-paint'),
        lcpMs: numeric(audits, 'largest-contentful-paint'),
        tbtMs: numeric(audits, 'total-blocking-time'),
        cls: numeric(audits, 'cumulative-layout-shift'),
        bytes: numeric(audits, 'total-byte-weight'),
        requests: requests && 'items' in requests ? requests.items.length : Number.NaN,
      })
    }
  } finally {
    await chromium.close()
    await product.close()
  }
  const of = (key: keyof LighthouseRun) => median(runs.map((run) => run[key]))
  const spread = (key: keyof LighthouseRun, digits = 0) =>
    runsNote(
      runs.map((run) => run[key]),
      digits,
    )
  return {
    id: 'page-load',
    title: 'Page load',
    method: `Lighthouse ${version} (npm) mobile preset, performance category only, ${runs.length} runs against the production build served by scripts/start.ts's startProduct, in Debian's Chromium started headless with the e2e flags.`,
    figures: [
      figure('LCP', of('lcpMs'), 'ms', { budget: budgets.lcpMs, note: spread('lcpMs') }),
      figure('TBT', of('tbtMs'), 'ms', { budget: budgets.tbtMs, note: spread('tbtMs') }),
      figure('CLS', of('cls'), '', { budget: budgets.cls, note: spread('cls', 3) }),
      figure('FCP', of('fcpMs'), 'ms'),
      figure('bytes transferred', of('bytes'), 'B', {
        headline: true,
        note: `${of('requests')} requests`,
      }),
      figure('performance score', of('score'), 'of 100', {
        headline: true,
        note: spread('score'),
      }),
    ],
  }
}
