import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  cleanCategories,
  effectiveDetectionSource,
  normalizeSettings,
  parseStoredSettings,
} from '../../src/lib/detection-settings'
import { parseRuntimeConfig } from '../../src/lib/runtime-config'

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
        maxLongSide: 1280,
      }),
    )
    expect(settings.maxLabels).toBe(1000)
    expect(settings.minConfidence).toBe(0)
    expect(settings.imageProperties).toBe(false)
    expect(settings.maxLongSide).toBe(1280)
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
