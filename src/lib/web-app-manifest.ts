// What makes the app installable and a share target: the web app manifest, and the names the
// service worker and the page agree on (the share URL, the caches).

/** Where the phone's Share sheet POSTs photos; the service worker answers it. */
export const SHARE_TARGET_ACTION = '/share-target'
/** The form field holding the shared files. */
export const SHARE_TARGET_FILES_FIELD = 'photos'
/** The page opened after a share; it takes the files from SHARED_FILES_CACHE. */
export const SHARED_PAGE_QUERY = 'shared'
/** Photos shared to the app, kept by the service worker until the page takes them. */
export const SHARED_FILES_CACHE = 'image-labels-shared'
/** Model weights and wasm for labelling on the device: cached on first use, never precached. */
export const MODEL_CACHE = 'image-labels-model'
/** The runtime configuration, kept for opening the app offline. */
export const CONFIG_CACHE = 'image-labels-config'

export const THEME_COLOR = '#0f172a'

export interface ManifestIcon {
  src: string
  sizes: string
  type: string
  purpose?: 'any' | 'maskable'
}

export interface WebAppManifest {
  id: string
  name: string
  short_name: string
  description: string
  start_url: string
  scope: string
  display: 'standalone'
  orientation: 'any'
  theme_color: string
  background_color: string
  icons: ManifestIcon[]
  share_target: {
    action: string
    method: 'POST'
    enctype: 'multipart/form-data'
    params: { title: string; text: string; files: { name: string; accept: string[] }[] }
  }
}

/** The manifest for an app served at `base` (Vite's base, ending in "/"). */
export function webAppManifest(base = '/'): WebAppManifest {
  return {
    id: base,
    name: 'Image Labels',
    short_name: 'Labels',
    description: 'See what is in a photo: labels, confidence and boxes you can correct.',
    start_url: base,
    scope: base,
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOR,
    background_color: THEME_COLOR,
    icons: [
      { src: `${base}icons/icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: `${base}icons/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any' },
      {
        src: `${base}icons/icon-maskable-512.png`,
        sizes: '512x512',
        type: 'image/png',
        purpose: 'maskable',
      },
    ],
    share_target: {
      action: `${base}${SHARE_TARGET_ACTION.slice(1)}`,
      method: 'POST',
      enctype: 'multipart/form-data',
      params: {
        title: 'title',
        text: 'text',
        files: [{ name: SHARE_TARGET_FILES_FIELD, accept: ['image/*'] }],
      },
    },
  }
}

/**
 * Same-origin files of the on-device model, cached when first used: weights (`.bin`), graph
 * (`.json`: Vite emits no other JSON under assets/) and wasm. Hashed names, so CacheFirst holds.
 */
export function isModelAsset(pathname: string): boolean {
  return /\/assets\/[^/]+\.(bin|json|wasm)$/.test(pathname)
}
