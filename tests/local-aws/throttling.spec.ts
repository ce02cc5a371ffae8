// The detection queue's bounds, made exact with a slow stand-in detector (request path only,
// fake detector): what runs, what waits, what is refused, and that the SDK's retries recover.
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorName,
  fakeDetector,
  newGuest,
  startTestEndpoint,
  type Guest,
  type TestEndpoint,
} from './helpers.ts'

describe('detection queue bounds (fake detector)', () => {
  let endpoint: TestEndpoint
  let guest: Guest
  const detector = fakeDetector(300)
  // The request path checks the image before the detector sees it: a real PNG header and size.
  let png: Uint8Array

  beforeAll(async () => {
    endpoint = await startTestEndpoint({
      detector,
      maxConcurrentDetections: 1,
      maxQueuedDetections: 2,
    })
    guest = await newGuest(endpoint.aws)
    png = new Uint8Array(
      await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
    )
  })
  afterAll(() => endpoint.stop())

  const client = (maxAttempts: number) =>
    new RekognitionClient({
      region: 'us-east-1',
      endpoint: endpoint.aws.endpoint,
      credentials: guest.credentials,
      maxAttempts,
    })

  it('runs one, queues two and throttles the rest of a burst of six', async () => {
    const rekognition = client(1)
    const before = detector.calls.length
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        errorName(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: png } }))),
      ),
    )
    expect(results.filter((result) => result === 'no error')).toHaveLength(3)
    expect(results.filter((result) => result === 'ThrottlingException')).toHaveLength(3)
    expect(detector.calls.length - before).toBe(3)
    const throttledLines = endpoint.logs.filter((line) => / DetectLabels .* 400 /.test(line))
    expect(throttledLines).toHaveLength(3)
  })

  it('lets the SDK retry throttled requests until they are served', async () => {
    const rekognition = client(6)
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        rekognition.send(new DetectLabelsCommand({ Image: { Bytes: png } })),
      ),
    )
    expect(results.map((result) => result.LabelModelVersion)).toEqual(Array(5).fill('fake-1.0'))
    expect(results.some((result) => (result.$metadata.attempts ?? 1) > 1)).toBe(true)
  })
})
