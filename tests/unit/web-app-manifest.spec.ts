// The web app manifest: what Chromium needs to install the app and list it as a share target,
// with icons that exist at the sizes they claim; and which files count as the on-device model.
import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { isModelAsset, webAppManifest } from '../../src/lib/web-app-manifest'

describe('web app manifest', () => {
  const manifest = webAppManifest('/')

  it('is installable: names, standalone, start URL in scope, 192 and 512 icons and a maskable one', () => {
    expect(manifest.name).toBe('Image Labels')
    expect(manifest.short_name.length).toBeLessThanOrEqual(12)
    expect(manifest.display).toBe('standalone')
    expect(manifest.start_url.startsWith(manifest.scope)).toBe(true)
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ])
  })

  it('has every icon file at the size it claims', async () => {
    for (const icon of manifest.icons) {
      const file = readFileSync(`public${icon.src}`)
      const { width, height, format } = await sharp(file).metadata()
      expect(`${width}x${height}`).toBe(icon.sizes)
      expect(format).toBe('png')
    }
  })

  it('takes shared images by POST, multipart, and follows the base path', () => {
    const under = webAppManifest('/labels/')
    expect(under.share_target).toEqual({
      action: '/labels/share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', files: [{ name: 'photos', accept: ['image/*'] }] },
    })
    expect(under.icons.every((icon) => icon.src.startsWith('/labels/icons/'))).toBe(true)
  })

  it('counts hashed weights, graphs and wasm under assets/ as the model, nothing else', () => {
    expect(isModelAsset('/assets/centernet-AbC123.bin')).toBe(true)
    expect(isModelAsset('/assets/centernet-AbC123.json')).toBe(true)
    expect(isModelAsset('/assets/tfjs-backend-wasm-simd-x1.wasm')).toBe(true)
    expect(isModelAsset('/assets/index-x1.js')).toBe(false)
    expect(isModelAsset('/config.json')).toBe(false)
    expect(isModelAsset('/manifest.webmanifest')).toBe(false)
  })
})
