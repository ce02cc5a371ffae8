// Photos shared to the app from the phone's Share sheet. The service worker keeps them in
// Cache Storage (src/sw/service-worker.ts) and opens the page; the page takes them once.
import { SHARED_FILES_CACHE } from '../lib/web-app-manifest'

/** The photos waiting from a share, oldest first; they are removed as they are taken. */
export async function takeSharedPhotos(): Promise<File[]> {
  if (typeof caches === 'undefined') return []
  const cache = await caches.open(SHARED_FILES_CACHE)
  const requests = await cache.keys()
  const files: File[] = []
  for (const request of requests) {
    const response = await cache.match(request)
    await cache.delete(request)
    if (!response) continue
    const name = decodeURIComponent(response.headers.get('X-File-Name') ?? 'shared.jpg')
    const blob = await response.blob()
    files.push(new File([blob], name, { type: blob.type || 'image/jpeg' }))
  }
  return files
}
