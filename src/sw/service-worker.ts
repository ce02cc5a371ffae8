// The service worker: opens the app offline (precached shell, the last config.json), caches the
// on-device model's files on first use, and takes photos from the phone's Share sheet.
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst, NetworkFirst } from 'workbox-strategies'
import {
  CONFIG_CACHE,
  isModelAsset,
  MODEL_CACHE,
  SHARE_TARGET_ACTION,
  SHARE_TARGET_FILES_FIELD,
  SHARED_FILES_CACHE,
  SHARED_PAGE_QUERY,
} from '../lib/web-app-manifest'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[]
}

const base = new URL(self.registration.scope).pathname

// A new version takes over at once: the shell is hashed files plus index.html, which always match.
self.addEventListener('install', (event) => {
  void self.skipWaiting()
  // The config the first page read came before this worker: keep a copy for offline starts.
  event.waitUntil(
    caches
      .open(CONFIG_CACHE)
      .then((cache) => cache.add(`${base}config.json`))
      .catch(() => undefined),
  )
})
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

// Every page of the app is index.html; test-control and other server routes are POSTs or
// non-navigations and never reach this.
registerRoute(new NavigationRoute(createHandlerBoundToURL(`${base}index.html`)))

// The network's config when there is a network; the last one seen when offline.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname === `${base}config.json`,
  new NetworkFirst({ cacheName: CONFIG_CACHE, networkTimeoutSeconds: 5 }),
)

registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isModelAsset(url.pathname),
  new CacheFirst({ cacheName: MODEL_CACHE }),
)

/** Keeps the shared photos until the page takes them, then opens the page. */
async function receiveShare(request: Request): Promise<Response> {
  const form = await request.formData()
  const files = form
    .getAll(SHARE_TARGET_FILES_FIELD)
    .filter((entry): entry is File => entry instanceof File && entry.type.startsWith('image/'))
  const cache = await caches.open(SHARED_FILES_CACHE)
  const stamp = Date.now()
  await Promise.all(
    files.map((file, index) =>
      cache.put(
        `${base}__shared/${stamp}-${index}`,
        new Response(file, {
          headers: {
            'Content-Type': file.type,
            'X-File-Name': encodeURIComponent(file.name || `shared-${index + 1}.jpg`),
          },
        }),
      ),
    ),
  )
  return Response.redirect(`${base}?${SHARED_PAGE_QUERY}=${files.length}`, 303)
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (
    event.request.method === 'POST' &&
    url.origin === self.location.origin &&
    url.pathname === `${base}${SHARE_TARGET_ACTION.slice(1)}`
  ) {
    event.respondWith(receiveShare(event.request))
  }
})
