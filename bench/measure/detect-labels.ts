// Local DetectLabels: runs the local endpoint engineer's `npm run bench:local-aws`
// (bench/local-aws.ts, which exports nothing) and reads back its samples and summary.
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { budgets } from '../budgets.ts'
import type { Measurement } from '../lib/context.ts'
import { figure, type Figure } from '../lib/report.ts'
import { percentile } from '../lib/stats.ts'

const SCRIPT = 'bench/local-aws.ts'
const RESULTS = 'bench-results/local-aws.json'
const TIMEOUT_MS = 10 * 60_000

interface LocalAwsResults {
  startupMs?: number
  sequential?: number[]
  concurrent?: number[]
  throttled?: number
  peakRssMb?: number
}

function runScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

function samples(values: number[] | undefined): number[] {
  return Array.isArray(values) ? values.filter((value) => Number.isFinite(value)) : []
}

export const measureDetectLabels: Measurement = async () => {
  await rm(RESULTS, { force: true })
  const { code, output } = await runScript()
  let results: LocalAwsResults
  try {
    results = JSON.parse(await readFile(RESULTS, 'utf8')) as LocalAwsResults
  } catch {
    throw new Error(
      `${SCRIPT} exited with ${code} and wrote no ${RESULTS}: ${output.trim().slice(-300)}`,
    )
  }
  const sequential = samples(results.sequential)
  const concurrent = samples(results.concurrent)
  const burst = /16 at once: served \/ throttled\s+(\d+) \/ (\d+)/.exec(output)
  const served = burst ? Number(burst[1]) : Number.NaN
  const throttled = results.throttled ?? (burst ? Number(burst[2]) : Number.NaN)
  const unexpected = /unexpected errors: ([^)]*)\)/.exec(output)?.[1]
  const otherFailures = unexpected ? unexpected.split(',').length : 16 - served - throttled
  const figures: Figure[] = [
    figure(`sequential p50 (${sequential.length} requests)`, percentile(sequential, 0.5), 'ms', {
      budget: budgets.detectLabelsMedianMs,
    }),
    figure('sequential p95', percentile(sequential, 0.95), 'ms', { headline: true }),
    figure(
      `4 concurrent clients p50 (${concurrent.length} requests)`,
      percentile(concurrent, 0.5),
      'ms',
    ),
    figure('4 concurrent clients p95', percentile(concurrent, 0.95), 'ms', { headline: true }),
    figure('peak RSS', results.peakRssMb ?? null, 'MiB', {
      headline: true,
      note: 'maxRSS of the bench process, which holds the endpoint, the detector and the clients',
    }),
    figure('16 at once: served', served, 'requests'),
    figure('16 at once: ThrottlingException', throttled, 'requests', { headline: true }),
    figure('16 at once: other failures or a crash', otherFailures, 'requests', {
      budget: budgets.overloadOtherFailures,
      note: unexpected
        ? `unexpected: ${unexpected}`
        : `the script exited with ${code}${code === 1 ? ' (its own p50 check)' : ''}`,
    }),
    figure('endpoint start (detector load and warm-up)', results.startupMs ?? null, 'ms'),
  ]
  return {
    id: 'detect-labels',
    title: 'Local DetectLabels',
    method: `\`npm run bench:local-aws\` (${SCRIPT}, by the local endpoint's engineer) run as a child process: the real detector, SDK v3 guest clients, S3Object input with the test fixture photos (up to 640 px); percentiles recomputed here from its raw samples in ${RESULTS}. The prepared 12 MP photo's DetectLabels time through the app is under Photo → labels.`,
    figures,
  }
}
