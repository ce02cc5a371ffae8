// Bundle budgets from the performance baseline. Sizes are deterministic, so they are a test;
// the webServer's build has just written dist/ when this runs.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from '@playwright/test'

const KIB = 1024
const STARTUP_BUDGET = 32 * KIB
const TOTAL_BUDGET = 180 * KIB
/** TF.js core, converter and the three backends; a browser fetches one backend of the three. */
const ON_DEVICE_BUDGET = 350 * KIB

interface ManifestChunk {
  file: string
  name?: string
  isEntry?: boolean
  imports?: string[]
}

const dist = 'dist'
/** On-device detection: its worker and the TF.js backends it loads, and its app-side client. */
const isOnDevice = (file: string) => /^assets\/(detect-labels\.worker|on-device)-/.test(file)
const gzipSize = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length

/**
 * Every entry and its static imports: the page's first script (src/boot.ts) and the startup chunk
 * it loads after the first frame (index.html's entry) both load before anything can be done.
 */
function startupFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry)
  if (entries.length === 0) throw new Error('no entry chunk in the manifest')
  const seen = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || seen.has(chunk.file)) return
    seen.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const entry of entries) visit(entry)
  return [...seen].filter((file) => file.endsWith('.js'))
}

test('startup JS ≤ 32 KiB and all JS ≤ 180 KiB, gzip', () => {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const startup = startupFiles(manifest)
  const assetFiles = readdirSync(join(dist, 'assets')).map((name) => `assets/${name}`)
  const everyJs = assetFiles.filter((name) => name.endsWith('.js'))
  // On-device detection is its own budget (below): only a user who chooses it loads it.
  const allJs = everyJs.filter((file) => !isOnDevice(file))
  const onDeviceJs = everyJs.filter(isOnDevice)
  const startupBytes = startup.reduce((sum, file) => sum + gzipSize(file), 0)
  const totalBytes = allJs.reduce((sum, file) => sum + gzipSize(file), 0)
  const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`
  const onDeviceBytes = onDeviceJs.reduce((sum, file) => sum + gzipSize(file), 0)
  console.log(
    `startup JS ${kib(startupBytes)} gzip (${startup.length} files); all JS ${kib(totalBytes)} gzip (${allJs.length} files); on-device detection JS ${kib(onDeviceBytes)} gzip (${onDeviceJs.length} files)`,
  )
  // The boot script and the startup chunk, at least.
  expect(startup.length).toBeGreaterThanOrEqual(2)
  expect(startup.some((file) => /konva|PhotoCanvas|aws|workspace|export/i.test(file))).toBe(false)
  // The zip exporters (fflate) load only when an export starts: no chunk imports them statically.
  const exportChunks = Object.keys(manifest).filter((key) => manifest[key]?.name === 'export')
  expect(exportChunks.length).toBeGreaterThan(0)
  const staticImports = Object.values(manifest).flatMap((chunk) => chunk.imports ?? [])
  expect(staticImports.filter((key) => exportChunks.includes(key))).toEqual([])
  // On-device detection loads only when chosen: nothing of it at startup, and no chunk imports
  // its client statically (the Rekognition path never fetches it).
  expect(startup.filter(isOnDevice)).toEqual([])
  const onDeviceChunks = Object.keys(manifest).filter((key) => manifest[key]?.name === 'on-device')
  expect(onDeviceChunks.length).toBeGreaterThan(0)
  expect(staticImports.filter((key) => onDeviceChunks.includes(key))).toEqual([])
  expect(onDeviceJs.length).toBeGreaterThan(1)
  expect(onDeviceBytes).toBeLessThanOrEqual(ON_DEVICE_BUDGET)
  expect(startupBytes).toBeLessThanOrEqual(STARTUP_BUDGET)
  expect(totalBytes).toBeLessThanOrEqual(TOTAL_BUDGET)
})

test('the on-device model and wasm files are hashed assets of our own', () => {
  const assets = readdirSync(join(dist, 'assets'))
  for (const name of [
    'centernet',
    'tfjs-backend-wasm',
    'tfjs-backend-wasm-simd',
    'tfjs-backend-wasm-threaded-simd',
  ]) {
    const pattern = new RegExp(`^${name}-[\\w-]{8}\\.(json|bin|wasm)$`)
    expect(assets.filter((asset) => pattern.test(asset)).length, name).toBeGreaterThan(0)
  }
  const weights = assets.find((asset) => /^centernet-[\w-]{8}\.bin$/.test(asset)) ?? ''
  expect(readFileSync(join(dist, 'assets', weights)).length).toBe(4_030_290)
})
