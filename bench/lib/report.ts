// The shape of a benchmark report and its Markdown form: each figure beside its budget.

export type Verdict = 'holds' | 'over' | 'info' | 'not measured'

export interface Budget {
  /** The figure must be at most this, in the row's unit. */
  max: number
  /** How the budget reads in the baseline, e.g. "≤ 50 KiB gzip". */
  text: string
}

export interface Figure {
  what: string
  /** Null when the figure could not be taken; `note` says why. */
  value: number | null
  unit: string
  budget?: Budget
  verdict: Verdict
  note?: string
  /** Shown in the summary even without a budget (e.g. the original ÷ prepared ratio). */
  headline?: boolean
}

export interface Section {
  id: string
  title: string
  /** How the figures were taken, in one or two sentences. */
  method: string
  figures: Figure[]
  /** Set when the whole section could not run. */
  notMeasured?: string
  seconds: number
}

export interface Machine {
  cpuModel: string
  cores: number
  memoryGiB: number
  loadAverage: number[]
  /** machine.ts's fixed task at the start, in ms (older reports lack it). */
  cpuCheckMs?: number
  os: string
  node: string
  chromium: string
  lighthouse: string
  commit: string
}

export interface Report {
  startedAt: string
  finishedAt: string
  machine: Machine
  /** One-, five- and fifteen-minute load averages when the run ended: other work skews times. */
  loadAverageAtEnd: number[]
  /** The same fixed task at the end. */
  cpuCheckAtEndMs?: number
  runs: number
  /** The generated phone photo the photo figures use. */
  photo: { bytes: number; width: number; height: number; orientation: number; sha256: string }
  sections: Section[]
}

/** A figure with a budget gets its verdict from it; one without is information. */
export function figure(
  what: string,
  value: number | null,
  unit: string,
  options: { budget?: Budget; note?: string; headline?: boolean } = {},
): Figure {
  const verdict: Verdict =
    value === null || Number.isNaN(value)
      ? 'not measured'
      : options.budget
        ? value <= options.budget.max
          ? 'holds'
          : 'over'
        : 'info'
  return {
    what,
    value: value === null || Number.isNaN(value) ? null : value,
    unit,
    ...(options.budget ? { budget: options.budget } : {}),
    verdict,
    ...(options.note ? { note: options.note } : {}),
    ...(options.headline ? { headline: true } : {}),
  }
}

/**
 * What `--check` fails on: every budgeted figure that is over, and every one that could not be
 * measured (a budget nobody measured is not a budget that holds), including whole sections.
 */
export function budgetFailures(report: Report): string[] {
  const failures: string[] = []
  for (const section of report.sections) {
    if (section.notMeasured) {
      failures.push(`${section.title}: not measured (${section.notMeasured})`)
      continue
    }
    for (const item of section.figures) {
      if (!item.budget) continue
      if (item.verdict === 'over' && item.value !== null)
        failures.push(
          `${section.title}: ${item.what} is ${item.value.toFixed(2)} ${item.unit}, budget ${item.budget.text}`,
        )
      if (item.verdict === 'not measured')
        failures.push(`${section.title}: ${item.what} not measured (${item.note ?? 'no reason'})`)
    }
  }
  return failures
}

/** "runs: 12, 14, 13": every timed run behind a median, for judging the spread. */
export function runsNote(values: readonly number[], digits = 0): string {
  return `runs: ${values.map((value) => value.toFixed(digits)).join(', ')}`
}

function formatValue(value: number, unit: string): string {
  const digits =
    unit === 'ms' || unit === 'B' || unit === 'requests' || unit === 'MiB'
      ? Math.abs(value) >= 100 || unit === 'B' || unit === 'requests'
        ? 0
        : 1
      : unit === 'KiB'
        ? 1
        : unit === 'of 100'
          ? 0
          : unit === 's'
            ? 2
            : unit === '×'
              ? 2
              : 3
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return unit === '' ? text : `${text} ${unit}`
}

const verdictMark: Record<Verdict, string> = {
  holds: '✅ holds',
  over: '❌ over',
  info: '',
  'not measured': '⚠️ not measured',
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function renderMarkdown(report: Report): string {
  const { machine } = report
  const lines = [
    '# Image Labels benchmark',
    '',
    `${report.startedAt} → ${report.finishedAt}, commit ${machine.commit}, medians of ${report.runs} runs unless stated.`,
    '',
    `Photo: ${report.photo.width}×${report.photo.height} JPEG, ${report.photo.bytes.toLocaleString('en-US')} B, EXIF orientation ${report.photo.orientation}, sha256 ${report.photo.sha256.slice(0, 12)}….`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, load average ${machine.loadAverage.map((load) => load.toFixed(2)).join(' / ')} at start and ${report.loadAverageAtEnd.map((load) => load.toFixed(2)).join(' / ')} at the end;${machine.cpuCheckMs !== undefined && report.cpuCheckAtEndMs !== undefined ? ` the machine check (the shared resampler on a 3.7 MP image, bench/lib/machine.ts) took ${machine.cpuCheckMs.toFixed(0)} ms at the start and ${report.cpuCheckAtEndMs.toFixed(0)} ms at the end (about 27 ms here when quiet, 35 ms in reports before commit 2e38059, whose resampler halved only from 4×; lower is faster);` : ''} ${machine.os}; Node ${machine.node}; Chromium ${machine.chromium}; Lighthouse ${machine.lighthouse}.`,
    '',
  ]
  const budgets = report.sections.flatMap((section) =>
    section.figures.filter((item) => item.budget),
  )
  const held = budgets.filter((item) => item.verdict === 'holds').length
  const over = budgets.filter((item) => item.verdict === 'over').length
  const missing = budgets.filter((item) => item.verdict === 'not measured').length
  const skipped = report.sections.filter((section) => section.notMeasured).length
  lines.push(
    `Budgets: ${held} hold, ${over} over, ${missing} not measured; ${skipped} of ${report.sections.length} sections not measured.`,
    '',
    '## Summary',
    '',
    '| what | measured | budget | verdict |',
    '|---|---|---|---|',
  )
  for (const section of report.sections) {
    if (section.notMeasured) {
      lines.push(`| ${section.title} | not measured: ${escapeCell(section.notMeasured)} | | ⚠️ |`)
      continue
    }
    for (const item of section.figures.filter((entry) => entry.budget || entry.headline)) {
      const measured = item.value === null ? '—' : formatValue(item.value, item.unit)
      lines.push(
        `| ${section.title}: ${escapeCell(item.what)} | ${measured} | ${item.budget ? escapeCell(item.budget.text) : ''} | ${verdictMark[item.verdict]} |`,
      )
    }
  }
  lines.push(
    '',
    '## All figures',
    '',
    '| section | figure | measured | budget | verdict | note |',
    '|---|---|---|---|---|---|',
  )
  for (const section of report.sections) {
    if (section.notMeasured) {
      lines.push(
        `| ${section.title} | — | — | — | ⚠️ not measured | ${escapeCell(section.notMeasured)} |`,
      )
      continue
    }
    for (const item of section.figures) {
      const measured = item.value === null ? '—' : formatValue(item.value, item.unit)
      lines.push(
        `| ${section.title} | ${escapeCell(item.what)} | ${measured} | ${item.budget ? escapeCell(item.budget.text) : ''} | ${verdictMark[item.verdict]} | ${escapeCell(item.note ?? '')} |`,
      )
    }
  }
  lines.push('', '## Methods', '')
  for (const section of report.sections) {
    lines.push(`- **${section.title}** (${section.seconds.toFixed(0)} s): ${section.method}`)
  }
  lines.push('')
  return lines.join('\n')
}
