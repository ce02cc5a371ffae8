// Bundle budgets from the performance baseline. Sizes are deterministic, so they are a test;
// the webServer's build has just written dist/ when this runs.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from '@playwright/test'

const KIB = 1024
const STARTUP_BUDGET = 50 * KIB
const TOTAL_BUDGET = 200 * KIB

interface ManifestChunk {
  file: string
  name?: string
  isEntry?: boolean
  imports?: string[]
}

const dist = 'dist'
const gzipSize = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length

function startupFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)
  if (!entry) throw new Error('no entry chunk in the manifest')
  const seen = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || seen.has(chunk.file)) return
    seen.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit(entry[0])
  return [...seen].filter((file) => file.endsWith('.js'))
}

test('startup JS ≤ 50 KiB and all JS ≤ 200 KiB, gzip', () => {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const startup = startupFiles(manifest)
  const allJs = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`)
  const startupBytes = startup.reduce((sum, file) => sum + gzipSize(file), 0)
  const totalBytes = allJs.reduce((sum, file) => sum + gzipSize(file), 0)
  const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`
  console.log(
    `startup JS ${kib(startupBytes)} gzip (${startup.length} files); all JS ${kib(totalBytes)} gzip (${allJs.length} files)`,
  )
  expect(startup.length).toBeGreaterThan(0)
  expect(startup.some((file) => /konva|PhotoCanvas|aws|workspace|export/i.test(file))).toBe(false)
  // The zip exporters (fflate) load only when an export starts: no chunk imports them statically.
  const exportChunks = Object.keys(manifest).filter((key) => manifest[key]?.name === 'export')
  expect(exportChunks.length).toBeGreaterThan(0)
  const staticImports = Object.values(manifest).flatMap((chunk) => chunk.imports ?? [])
  expect(staticImports.filter((key) => exportChunks.includes(key))).toEqual([])
  expect(startupBytes).toBeLessThanOrEqual(STARTUP_BUDGET)
  expect(totalBytes).toBeLessThanOrEqual(TOTAL_BUDGET)
})
