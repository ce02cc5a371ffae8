// `npm run bench`: measures the product end to end on this machine and writes
// bench-results/bench.md and bench.json, each figure beside its budget.
// `npm run bench -- --runs 3 --only bundle,canvas` for a shorter run.
// `--check` exits 1 when a budgeted figure is over (or could not be measured); `--save` also
// writes the report to bench/results/ (committed: the README's figures come from there).
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { format, resolveConfig } from 'prettier'
import { build } from 'vite'
import { launchChromium } from './lib/browser.ts'
import { NotMeasured, type BenchContext, type Measurement } from './lib/context.ts'
import { buildHarness, startHarness } from './lib/harness.ts'
import { cpuCheckMs, describeMachine } from './lib/machine.ts'
import { makeBenchPhoto } from './lib/photo.ts'
import { budgetFailures, renderMarkdown, type Report, type Section } from './lib/report.ts'
import { measureBundle } from './measure/bundle.ts'
import { measureCanvas } from './measure/canvas.ts'
import { measureDetectLabels } from './measure/detect-labels.ts'
import { measureOnDevice } from './measure/on-device.ts'
import { measurePageLoad } from './measure/page-load.ts'
import { measurePhotoToLabels } from './measure/photo-to-labels.ts'
import { measurePreparation } from './measure/preparation.ts'

const OUT = 'bench-results'
const RESULTS = 'bench/results'
const sections: { id: string; title: string; measure: Measurement }[] = [
  { id: 'bundle', title: 'Bundle', measure: measureBundle },
  { id: 'page-load', title: 'Page load', measure: measurePageLoad },
  { id: 'preparation', title: 'Photo preparation', measure: measurePreparation },
  { id: 'photo-to-labels', title: 'Photo → labels', measure: measurePhotoToLabels },
  { id: 'canvas', title: 'Canvas', measure: measureCanvas },
  { id: 'detect-labels', title: 'Local DetectLabels', measure: measureDetectLabels },
  { id: 'on-device', title: 'On the device', measure: measureOnDevice },
]

function message(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error)
}

async function lighthouseVersion(): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile('node_modules/lighthouse/package.json', 'utf8')) as {
      version?: string
    }
    return manifest.version ?? 'unknown'
  } catch {
    return 'not installed'
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
      check: { type: 'boolean', default: false },
      save: { type: 'boolean', default: false },
    },
  })
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`)
  const only = values.only?.split(',').map((id) => id.trim())
  const unknown = only?.filter((id) => !sections.some((section) => section.id === id)) ?? []
  if (unknown.length > 0) {
    throw new Error(
      `unknown section ${unknown.join(', ')}; known: ${sections.map((s) => s.id).join(', ')}`,
    )
  }

  const startedAt = new Date().toISOString()
  const workDir = join(OUT, 'work')
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const log = (line: string) =>
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)

  log('generating the 12 MP photo')
  const photo = await makeBenchPhoto(join(OUT, 'photos'))
  log('building the app (vite build → dist/)')
  let appBuildError: string | undefined
  try {
    await build({ logLevel: 'warn' })
  } catch (error) {
    appBuildError = message(error)
  }
  log('building the harness page')
  const harnessDir = join(OUT, 'harness')
  let harnessError: string | undefined
  try {
    await buildHarness(harnessDir)
  } catch (error) {
    harnessError = message(error)
  }
  const harness = harnessError ? undefined : await startHarness(harnessDir, photo.path)
  let browserError: string | undefined
  const browser = await launchChromium().catch((error: unknown) => {
    browserError = message(error)
    return undefined
  })
  const machine = describeMachine(
    browser?.version() ?? `none (${browserError ?? 'unknown'})`,
    await lighthouseVersion(),
  )
  const context: BenchContext = {
    runs,
    photo,
    workDir,
    ...(browser ? { browser } : {}),
    ...(browserError ? { browserError } : {}),
    ...(harness ? { harness } : {}),
    ...(harnessError ? { harnessError } : {}),
    ...(appBuildError ? { appBuildError } : {}),
  }

  const results: Section[] = []
  try {
    for (const section of sections) {
      if (only && !only.includes(section.id)) continue
      log(`measuring: ${section.title}`)
      const started = performance.now()
      try {
        const measured = await section.measure(context)
        results.push({ ...measured, seconds: (performance.now() - started) / 1000 })
      } catch (error) {
        const reason = message(error)
        log(`  not measured: ${reason}`)
        if (!(error instanceof NotMeasured) && error instanceof Error && error.stack) {
          console.error(error.stack)
        }
        results.push({
          id: section.id,
          title: section.title,
          method: '',
          figures: [],
          notMeasured: reason,
          seconds: (performance.now() - started) / 1000,
        })
      }
    }
  } finally {
    await browser?.close()
    await harness?.close()
    await rm(workDir, { recursive: true, force: true })
  }

  const report: Report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    loadAverageAtEnd: loadavg(),
    cpuCheckAtEndMs: cpuCheckMs(),
    runs,
    photo: {
      bytes: photo.bytes,
      width: photo.storedWidth,
      height: photo.storedHeight,
      orientation: photo.orientation,
      sha256: createHash('sha256')
        .update(await readFile(photo.path))
        .digest('hex'),
    },
    sections: results,
  }
  const markdown = renderMarkdown(report)
  await writeFile(join(OUT, 'bench.md'), markdown)
  await writeFile(join(OUT, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\n${markdown}`)
  log(`written: ${OUT}/bench.md and ${OUT}/bench.json`)
  if (values.save) {
    const stamp = startedAt.slice(0, 16).replace(/[:T]/g, '-')
    await mkdir(RESULTS, { recursive: true })
    // Committed files: written as Prettier would, so `npm test`'s format check passes on them.
    const formatted = async (text: string, name: string) =>
      format(text, { ...(await resolveConfig(join(RESULTS, name))), filepath: join(RESULTS, name) })
    const json = `${JSON.stringify(report, null, 2)}\n`
    for (const name of [`${stamp}.md`, 'latest.md'])
      await writeFile(join(RESULTS, name), await formatted(markdown, name))
    for (const name of [`${stamp}.json`, 'latest.json'])
      await writeFile(join(RESULTS, name), await formatted(json, name))
    log(`saved: ${RESULTS}/${stamp}.md and latest.md`)
  }
  if (values.check) {
    const failing = budgetFailures(report)
    for (const line of failing) log(`over budget: ${line}`)
    if (failing.length > 0) process.exitCode = 1
    else log('every budgeted figure holds')
  }
}

await main()
