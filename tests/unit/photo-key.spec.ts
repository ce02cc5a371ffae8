import { describe, expect, it } from 'vitest'
import { photoKey, randomPhotoId, sanitizeFileName } from '../../src/lib/photo-key'

describe('photoKey', () => {
  it('puts the photo under the identity’s own prefix', () => {
    expect(photoKey('us-east-1:0f1e2d3c', 'abc123')).toBe('u/us-east-1:0f1e2d3c/abc123.jpg')
  })
  it('makes hex ids from random bytes', () => {
    expect(randomPhotoId(new Uint8Array([0, 15, 255]))).toBe('000fff')
  })
})

describe('sanitizeFileName', () => {
  it('keeps ordinary names', () => {
    expect(sanitizeFileName('IMG_1234.JPG')).toBe('IMG_1234.JPG')
  })
  it('folds accents and replaces what headers cannot carry', () => {
    expect(sanitizeFileName('Café "chat" #1.png')).toBe('Cafe _chat_ _1.png')
    expect(sanitizeFileName('猫.jpg')).toBe('_.jpg')
  })
  it('drops folders and leading dots', () => {
    expect(sanitizeFileName('C:\\Users\\me\\..\\.secret.jpg')).toBe('secret.jpg')
    expect(sanitizeFileName('')).toBe('photo')
  })
  it('shortens long names but keeps the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.jpeg`, 50)
    expect(name).toHaveLength(50)
    expect(name.endsWith('.jpeg')).toBe(true)
  })
})
