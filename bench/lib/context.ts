// What every measurement gets: the run count, the photo, a browser, and the built harness.
import type { Browser } from '@playwright/test'
import type { Harness } from './harness.ts'
import type { BenchPhoto } from './photo.ts'
import type { Section } from './report.ts'

export interface BenchContext {
  /** Timed repetitions per figure; medians are reported. */
  runs: number
  photo: BenchPhoto
  /** Undefined when Chromium could not start; the reason is in `browserError`. */
  browser?: Browser
  browserError?: string
  /** Undefined when the harness did not build; the reason is in `harnessError`. */
  harness?: Harness
  harnessError?: string
  /** The app's production build in dist/, or why there is none. */
  appBuildError?: string
  /** Scratch space under bench-results/ for data dirs and profiles. */
  workDir: string
}

export type Measurement = (context: BenchContext) => Promise<Omit<Section, 'seconds'>>

export class NotMeasured extends Error {}

export function requireHarness(context: BenchContext): Harness {
  if (!context.harness) throw new NotMeasured(`harness page: ${context.harnessError ?? 'missing'}`)
  return context.harness
}

export function requireBrowser(context: BenchContext): Browser {
  if (!context.browser) throw new NotMeasured(`no Chromium: ${context.browserError ?? 'missing'}`)
  return context.browser
}

export function requireAppBuild(context: BenchContext): void {
  if (context.appBuildError) throw new NotMeasured(`app build failed: ${context.appBuildError}`)
}
