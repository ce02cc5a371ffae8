// What the site bucket should hold after a build: each file's key, checksum, Content-Type and
// Cache-Control. Vite puts hashed, never-changing files under assets/; everything else keeps
// its name across deploys and must be revalidated.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

export interface SiteFile {
  key: string
  path: string
  md5: string
  contentType: string
  cacheControl: string
}

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  wasm: 'application/wasm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  bin: 'application/octet-stream',
}

export function contentTypeFor(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase()
  return key.includes('.')
    ? (CONTENT_TYPES[extension] ?? 'application/octet-stream')
    : 'application/octet-stream'
}

export function cacheControlFor(key: string): string {
  return key.startsWith('assets/') ? IMMUTABLE : REVALIDATE
}

/** Upload order: assets first, then other files, documents last, so a new index.html never points at files not yet there. */
function uploadRank(key: string): number {
  if (key.startsWith('assets/')) return 0
  if (key === 'index.html' || key === 'config.json') return 2
  return 1
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex')
}

async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true })
  const paths = await Promise.all(
    entries.map((entry) => {
      const path = join(directory, entry.name)
      return entry.isDirectory() ? walk(path) : Promise.resolve(entry.isFile() ? [path] : [])
    }),
  )
  return paths.flat()
}

/** Every file of a built site, in upload order. Vite's manifest stays local: nobody fetches it. */
export async function listSiteFiles(distDirectory: string): Promise<SiteFile[]> {
  const paths = await walk(distDirectory)
  const files = await Promise.all(
    paths.map(async (path): Promise<SiteFile> => {
      const key = relative(distDirectory, path).split(sep).join('/')
      return {
        key,
        path,
        md5: md5Hex(await readFile(path)),
        contentType: contentTypeFor(key),
        cacheControl: cacheControlFor(key),
      }
    }),
  )
  return files
    .filter((file) => !file.key.startsWith('.vite/'))
    .sort((a, b) => uploadRank(a.key) - uploadRank(b.key) || a.key.localeCompare(b.key))
}
