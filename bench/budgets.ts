// The budgets Image Labels holds, from ../shared/reference/performance-baseline.md
// ("Budgets Image Labels holds"), in the units the bench reports.
import type { Budget } from './lib/report.ts'

export const budgets = {
  startupJsGzipKiB: { max: 50, text: '≤ 50 KiB gzip' },
  /** "All JS after the first photo": applied to all of dist/ and to what the first photo fetched. */
  allJsGzipKiB: { max: 200, text: '≤ 200 KiB gzip' },
  lcpMs: { max: 1500, text: '≤ 1.5 s' },
  cls: { max: 0.1, text: '≤ 0.1' },
  tbtMs: { max: 100, text: '≤ 100 ms' },
  prepareMs: { max: 300, text: '≤ 300 ms, in a Worker' },
  prepareLongestTaskMs: { max: 50, text: 'no main-thread task over 50 ms' },
  prepareOutputBytes: { max: 500_000, text: '≤ 500 KB' },
  photoToLabelsMs: { max: 1500, text: '≤ 1.5 s' },
  redraw50Ms: { max: 16, text: '≤ 16 ms (50 boxes)' },
  redraw200Ms: { max: 33, text: '≤ 33 ms (200 boxes)' },
  toggleMs: { max: 50, text: '≤ 50 ms' },
  detectLabelsMedianMs: { max: 500, text: '≤ 500 ms median' },
  /** Issue 12: on-device detection in headless Chromium. */
  deviceDetectMedianMs: { max: 400, text: '≤ 400 ms median (1920 px photo)' },
  deviceFirstUseMs: { max: 2000, text: '≤ 2 s (model load included)' },
  /** Overload is answered with ThrottlingException, never a crash: zero other failures. */
  overloadOtherFailures: { max: 0, text: 'ThrottlingException only, no crash' },
} satisfies Record<string, Budget>
