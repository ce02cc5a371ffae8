// Bundle: startup JS (the entries and their static imports) and all JS, gzip and brotli, per chunk.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { budgets } from '../budgets.ts'
import { requireAppBuild, type Measurement } from '../lib/context.ts'
import { figure, type Figure } from '../lib/report.ts'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
}

interface ChunkSize {
  file: string
  startup: boolean
  raw: number
  gzip: number
  brotli: number
}

const DIST = 'dist'
const KIB = 1024

/**
 * Every entry chunk and what it imports statically: the page's first script (src/boot.ts) and the
 * startup chunk it loads after the first frame, both needed before anything can be done.
 */
export function startupFiles(manifest: Record<string, ManifestChunk>): Set<string> {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return files
}

/** Gzip level 9, as tests/e2e/bundle-size.spec.ts measures. */
export function gzipBytes(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).length
}

/** The gzip size of a built file, by its URL path on the served app (e.g. /assets/x.js). */
export async function builtFileGzipBytes(urlPath: string): Promise<number> {
  return gzipBytes(await readFile(join(DIST, urlPath.replace(/^\/+/, ''))))
}

async function chunkSizes(): Promise<ChunkSize[]> {
  const manifest = JSON.parse(await readFile(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const startup = startupFiles(manifest)
  const names = (await readdir(join(DIST, 'assets'))).filter((name) => name.endsWith('.js'))
  return Promise.all(
    names.sort().map(async (name) => {
      const file = `assets/${name}`
      const bytes = await readFile(join(DIST, file))
      return {
        file,
        startup: startup.has(file),
        raw: bytes.length,
        // Brotli at 11, as CDNs precompress.
        gzip: gzipBytes(bytes),
        brotli: brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
        }).length,
      }
    }),
  )
}

/**
 * On-device detection's own code (the worker and TF.js): it loads only when chosen, never on the
 * Rekognition path, and the all-JS budget leaves it out (tests/e2e/bundle-size.spec.ts agrees).
 */
export const isOnDeviceFile = (file: string) =>
  /(^|\/)assets\/(detect-labels\.worker|on-device)-/.test(file)

export const measureBundle: Measurement = async (context) => {
  requireAppBuild(context)
  const everyChunk = await chunkSizes()
  const onDevice = everyChunk.filter((chunk) => isOnDeviceFile(chunk.file))
  const chunks = everyChunk.filter((chunk) => !isOnDeviceFile(chunk.file))
  const sum = (list: ChunkSize[], key: 'raw' | 'gzip' | 'brotli') =>
    list.reduce((total, chunk) => total + chunk[key], 0) / KIB
  const startup = chunks.filter((chunk) => chunk.startup)
  const figures: Figure[] = [
    figure('startup JS, gzip', sum(startup, 'gzip'), 'KiB', {
      budget: budgets.startupJsGzipKiB,
      note: `${startup.length} chunks: ${startup.map((chunk) => chunk.file).join(', ')}`,
    }),
    figure('startup JS, brotli', sum(startup, 'brotli'), 'KiB'),
    figure('startup JS, minified', sum(startup, 'raw'), 'KiB'),
    figure('all JS in dist/, gzip', sum(chunks, 'gzip'), 'KiB', {
      budget: budgets.allJsGzipKiB,
      note: `${chunks.length} chunks; on-device detection apart`,
    }),
    figure('on-device detection JS (worker, TF.js), gzip', sum(onDevice, 'gzip'), 'KiB', {
      headline: true,
      note: `${onDevice.length} chunks, loaded only when On this device is chosen`,
    }),
    figure('all JS in dist/, brotli', sum(chunks, 'brotli'), 'KiB'),
    figure('all JS in dist/, minified', sum(chunks, 'raw'), 'KiB'),
  ]
  for (const chunk of [...everyChunk].sort((a, b) => b.gzip - a.gzip)) {
    figures.push(
      figure(`${chunk.file}${chunk.startup ? ' (startup)' : ''}, gzip`, chunk.gzip / KIB, 'KiB', {
        note: `brotli ${(chunk.brotli / KIB).toFixed(1)} KiB, minified ${(chunk.raw / KIB).toFixed(1)} KiB`,
      }),
    )
  }
  return {
    id: 'bundle',
    title: 'Bundle',
    method:
      'Production build (`vite build`) in dist/; startup = the manifest entry plus its static imports; gzip level 9 and brotli quality 11 with node:zlib; sizes are deterministic, so one measurement.',
    figures,
  }
}
