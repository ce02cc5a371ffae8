// Bad input and overload through the running endpoint with the real detector: each bad request
// gets the error Rekognition gives, and the endpoint keeps serving.
import { readFile } from 'node:fs/promises'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { DetectLabelsCommand, type DetectLabelsCommandInput } from '@aws-sdk/client-rekognition'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorName,
  newGuest,
  sendRaw,
  signRaw,
  startTestEndpoint,
  type Guest,
  type TestEndpoint,
} from './helpers.ts'

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })

describe('bad input and overload, with the real detector', () => {
  let endpoint: TestEndpoint
  let guest: Guest
  let bucket: string
  let cat: Buffer

  const upload = async (name: string, body: Uint8Array | string): Promise<string> => {
    const key = `u/${guest.identityId}/${name}`
    await guest.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
    return key
  }
  const detectObject = (key: string) =>
    errorName(
      guest.rekognition.send(
        new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: key } } }),
      ),
    )
  const detectWith = (input: Partial<DetectLabelsCommandInput>) =>
    errorName(
      guest.rekognition.send(
        new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(cat) }, ...input }),
      ),
    )
  const stillServes = async (): Promise<void> => {
    const labels = await guest.rekognition.send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(cat) } }),
    )
    expect(labels.Labels?.map((label) => label.Name)).toContain('Cat')
  }

  beforeAll(async () => {
    endpoint = await startTestEndpoint()
    guest = await newGuest(endpoint.aws)
    bucket = endpoint.aws.config.imagesBucket
    cat = await readFile('tests/fixtures/photos/chelsea.png')
  })
  afterAll(() => endpoint.stop())

  it('refuses what is not a readable JPEG or PNG with InvalidImageFormatException', async () => {
    const jpeg = await readFile('tests/fixtures/photos/grace_hopper.jpg')
    const corrupt = Buffer.from(jpeg)
    corrupt.fill(0x00, 600, corrupt.length - 2)
    corrupt.write('garbage', 200)
    const cases: [string, Uint8Array | string][] = [
      ['corrupt.jpg', corrupt],
      ['truncated.jpg', jpeg.subarray(0, 700)],
      ['notes.jpg', 'this is a text file, not a photo\n'],
      ['empty.jpg', new Uint8Array()],
      ['photo.webp', await solid(200, 200).webp().toBuffer()],
      ['photo.gif', await solid(200, 200).gif().toBuffer()],
    ]
    for (const [name, body] of cases) {
      expect([name, await detectObject(await upload(name, body))]).toEqual([
        name,
        'InvalidImageFormatException',
      ])
    }
    await stillServes()
  })

  it('refuses images under 80 px or over 10,000 px a side, and oversized payloads', async () => {
    const tiny = await solid(79, 79).png().toBuffer()
    expect(await detectWith({ Image: { Bytes: new Uint8Array(tiny) } })).toBe(
      'InvalidParameterException',
    )
    const wide = await solid(12_000, 100).png().toBuffer()
    expect(await detectObject(await upload('wide.png', wide))).toBe('ImageTooLargeException')
    const overFiveMb = Buffer.alloc(5 * 1024 * 1024 + 10)
    cat.copy(overFiveMb)
    expect(await detectWith({ Image: { Bytes: new Uint8Array(overFiveMb) } })).toBe(
      'ImageTooLargeException',
    )
    const overFifteenMb = Buffer.alloc(15 * 1024 * 1024 + 10)
    cat.copy(overFifteenMb)
    expect(await detectObject(await upload('huge.png', overFifteenMb))).toBe(
      'ImageTooLargeException',
    )
    await stillServes()
  })

  it('validates parameters with the names Rekognition uses', async () => {
    expect(await detectWith({ MaxLabels: -1 })).toBe('ValidationException')
    expect(await detectWith({ MaxLabels: 1001 })).toBe('InvalidParameterException')
    expect(await detectWith({ MinConfidence: 101 })).toBe('ValidationException')
    expect(await detectWith({ Features: ['GENERAL_LABELS', 'FACES' as 'GENERAL_LABELS'] })).toBe(
      'ValidationException',
    )
    const tooMany = Array.from({ length: 101 }, (_, index) => `Label${index}`)
    expect(
      await detectWith({ Settings: { GeneralLabels: { LabelInclusionFilters: tooMany } } }),
    ).toBe('ValidationException')
    expect(
      await detectWith({
        Settings: { GeneralLabels: { LabelExclusionFilters: ['x'.repeat(51)] } },
      }),
    ).toBe('ValidationException')
    const both = await detectWith({
      Image: { Bytes: new Uint8Array(cat), S3Object: { Bucket: bucket, Name: 'x.png' } },
    })
    expect(both).toBe('InvalidParameterException')
    expect(await detectWith({ Image: {} })).toBe('InvalidParameterException')
    const filtered = await guest.rekognition.send(
      new DetectLabelsCommand({
        Image: { Bytes: new Uint8Array(cat) },
        Settings: { GeneralLabels: { LabelInclusionFilters: ['Cat'] } },
      }),
    )
    expect(filtered.Labels?.map((label) => label.Name)).toEqual(['Cat'])
  })

  it('answers SerializationException and UnknownOperationException for broken requests', async () => {
    const send = async (target: string, body: string) =>
      sendRaw(
        await signRaw({
          endpoint: endpoint.aws.endpoint,
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
          body,
          credentials: guest.credentials,
          service: 'rekognition',
        }),
      )
    const malformed = await send('RekognitionService.DetectLabels', '{"Image": {"Bytes": ')
    expect([malformed.status, malformed.code]).toEqual([400, 'SerializationException'])
    const wrongTarget = await send('RekognitionService.DetectLabelz', '{}')
    expect([wrongTarget.status, wrongTarget.code]).toEqual([400, 'UnknownOperationException'])
    await stillServes()
  })

  it('throttles past the queue under 16 concurrent requests, without crashing', async () => {
    const bytes = new Uint8Array(cat)
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        errorName(guest.rekognition.send(new DetectLabelsCommand({ Image: { Bytes: bytes } }))),
      ),
    )
    const throttled = results.filter((result) => result === 'ThrottlingException').length
    const served = results.filter((result) => result === 'no error').length
    expect(throttled + served).toBe(16)
    expect(throttled).toBeGreaterThan(0)
    // Two running and eight queued (the defaults) are always served.
    expect(served).toBeGreaterThanOrEqual(10)
    await stillServes()
  })
})
