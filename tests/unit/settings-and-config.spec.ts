import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  cleanCategories,
  effectiveDetectionSource,
  normalizeSettings,
  parseStoredSettings,
} from '../../src/lib/detection-settings'
import { detectorOf, parseRuntimeConfig } from '../../src/lib/runtime-config'

describe('parseStoredSettings', () => {
  it('gives the defaults for nothing or broken JSON', () => {
    expect(parseStoredSettings(null)).toEqual(DEFAULT_SETTINGS)
    expect(parseStoredSettings('{not json')).toEqual(DEFAULT_SETTINGS)
  })
  it('clamps numbers into range and keeps valid values', () => {
    const settings = parseStoredSettings(
      JSON.stringify({
        maxLabels: 5000,
        minConfidence: -3,
        imageProperties: false,
        maxMegapixels: 2,
      }),
    )
    expect(settings.maxLabels).toBe(1000)
    expect(settings.minConfidence).toBe(0)
    expect(settings.imageProperties).toBe(false)
    expect(settings.maxMegapixels).toBe(2)
  })
  it('keeps the pixel budget within 0.5–8 MP, in tenths', () => {
    const budget = (value: unknown) =>
      parseStoredSettings(JSON.stringify({ maxMegapixels: value })).maxMegapixels
    expect(budget(12)).toBe(8)
    expect(budget(0.1)).toBe(0.5)
    expect(budget(2.345)).toBe(2.3)
    expect(budget('nonsense')).toBe(DEFAULT_SETTINGS.maxMegapixels)
  })
  it('migrates a stored long side to the pixel budget it stood for', () => {
    const migrated = (maxLongSide: number) =>
      parseStoredSettings(JSON.stringify({ maxLongSide })).maxMegapixels
    // The old default becomes the new default; other choices keep their 4:3 pixel count.
    expect(migrated(1920)).toBe(DEFAULT_SETTINGS.maxMegapixels)
    expect(migrated(1280)).toBe(1.2)
    expect(migrated(2560)).toBe(4.9)
    expect(migrated(3840)).toBe(8)
    const both = parseStoredSettings(JSON.stringify({ maxLongSide: 1280, maxMegapixels: 6 }))
    expect(both.maxMegapixels).toBe(6)
    expect(both).not.toHaveProperty('maxLongSide')
  })
  it('cleans category lists', () => {
    expect(cleanCategories(' Animals and Pets, ,Food and Beverage,Animals and Pets')).toEqual([
      'Animals and Pets',
      'Food and Beverage',
    ])
    expect(cleanCategories(['x'.repeat(51), 3, 'Vehicles'])).toEqual(['Vehicles'])
  })
})

describe('parseRuntimeConfig', () => {
  const valid = {
    region: 'us-east-1',
    identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
    imagesBucket: 'image-labels-images',
    endpoint: 'http://127.0.0.1:4567/',
  }
  it('accepts a complete config and trims the endpoint’s trailing slash', () => {
    const result = parseRuntimeConfig(valid)
    expect(result.ok && result.config.endpoint).toBe('http://127.0.0.1:4567')
  })
  it('accepts a config without an endpoint (production)', () => {
    const result = parseRuntimeConfig({ ...valid, endpoint: undefined })
    expect(result.ok && result.config.endpoint).toBeUndefined()
  })
  it('lists every problem', () => {
    const result = parseRuntimeConfig({ region: 'Mars', imagesBucket: 'UPPER' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems).toHaveLength(3)
    expect(parseRuntimeConfig([]).ok).toBe(false)
  })
  it('keeps the stack’s retention period and refuses one that is not whole days', () => {
    const kept = parseRuntimeConfig({ ...valid, uploadRetentionDays: 7 })
    expect(kept.ok && kept.config.uploadRetentionDays).toBe(7)
    const absent = parseRuntimeConfig(valid)
    expect(absent.ok && absent.config.uploadRetentionDays).toBeUndefined()
    for (const bad of [0, -3, 1.5, '7']) {
      const result = parseRuntimeConfig({ ...valid, uploadRetentionDays: bad })
      expect(result.ok ? [] : result.problems).toEqual([
        'uploadRetentionDays is not a whole number of days',
      ])
    }
  })
  it('keeps how long a pause of guests lasts, and refuses one that is not whole hours', () => {
    const kept = parseRuntimeConfig({ ...valid, guestPauseHours: 24 })
    expect(kept.ok && kept.config.guestPauseHours).toBe(24)
    const absent = parseRuntimeConfig(valid)
    expect(absent.ok && absent.config.guestPauseHours).toBeUndefined()
    for (const bad of [0, 2.5, '24']) {
      const result = parseRuntimeConfig({ ...valid, guestPauseHours: bad })
      expect(result.ok ? [] : result.problems).toEqual([
        'guestPauseHours is not a whole number of hours',
      ])
    }
  })
  it('knows the local detector from its field, or from an endpoint in an older config', () => {
    const local = parseRuntimeConfig({ ...valid, detector: 'local' })
    expect(local.ok && local.config.detector).toBe('local')
    expect(local.ok && detectorOf(local.config)).toBe('local')
    const older = parseRuntimeConfig(valid)
    expect(older.ok && detectorOf(older.config)).toBe('local')
    const aws = parseRuntimeConfig({ ...valid, endpoint: undefined })
    expect(aws.ok && detectorOf(aws.config)).toBe('rekognition')
    const bad = parseRuntimeConfig({ ...valid, detector: 'magic' })
    expect(bad.ok ? [] : bad.problems).toEqual(['detector is not "local"'])
  })
})

describe('the detection source setting', () => {
  it('defaults to Rekognition, keeps a valid choice and drops anything else', () => {
    expect(normalizeSettings({}).detectionSource).toBe('rekognition')
    expect(normalizeSettings({ detectionSource: 'device' }).detectionSource).toBe('device')
    expect(normalizeSettings({ detectionSource: 'cloud' }).detectionSource).toBe('rekognition')
    expect(effectiveDetectionSource('rekognition', false)).toBe('device')
    expect(effectiveDetectionSource('rekognition', true)).toBe('rekognition')
  })
})
