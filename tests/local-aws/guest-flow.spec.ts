// The app's whole guest flow with the AWS SDK v3 against the running endpoint and the real
// detector: identity → credentials → upload → list → label → read back → delete.
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newGuest, startTestEndpoint, type Guest, type TestEndpoint } from './helpers.ts'

const photo = (name: string): Promise<Buffer> => readFile(`tests/fixtures/photos/${name}`)

describe('guest flow with the SDK v3 and the real detector', () => {
  let endpoint: TestEndpoint
  let guest: Guest
  let bucket: string

  beforeAll(async () => {
    endpoint = await startTestEndpoint()
    guest = await newGuest(endpoint.aws)
    bucket = endpoint.aws.config.imagesBucket
  })
  afterAll(() => endpoint.stop())

  it('gives each guest an identity in the pool and one-hour credentials', async () => {
    expect(guest.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
    expect(guest.credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(guest.credentials.sessionToken).toBeTruthy()
    const lifetimeMs = guest.credentials.expiration!.getTime() - Date.now()
    expect(lifetimeMs).toBeGreaterThan(59 * 60 * 1000)
    expect(lifetimeMs).toBeLessThanOrEqual(60 * 60 * 1000)
    const other = await newGuest(endpoint.aws)
    expect(other.identityId).not.toBe(guest.identityId)
  })

  it('uploads bytes and streams, lists, labels, reads back and deletes', async () => {
    const prefix = `u/${guest.identityId}/`
    const cat = await photo('chelsea.png')
    const put = await guest.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}chelsea.png`,
        Body: new Uint8Array(cat),
        ContentType: 'image/png',
        Metadata: { 'original-name': 'chelsea.png' },
      }),
    )
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/)

    const coffee = await photo('coffee.png')
    await guest.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}coffee photo.png`,
        Body: Readable.from([coffee.subarray(0, 1000), coffee.subarray(1000)]),
        ContentLength: coffee.length,
        ContentType: 'image/png',
      }),
    )

    const listed = await guest.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual([
      `${prefix}chelsea.png`,
      `${prefix}coffee photo.png`,
    ])
    expect(listed.Contents?.map((entry) => entry.Size)).toEqual([cat.length, coffee.length])

    const labels = await guest.rekognition.send(
      new DetectLabelsCommand({
        Image: { S3Object: { Bucket: bucket, Name: `${prefix}chelsea.png` } },
        MaxLabels: 10,
      }),
    )
    const names = labels.Labels?.map((label) => label.Name)
    expect(names).toContain('Cat')
    expect(labels.LabelModelVersion).toBeTruthy()

    const cupLabels = await guest.rekognition.send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(coffee) } }),
    )
    expect(cupLabels.Labels?.map((label) => label.Name)).toContain('Cup')

    const withProperties = await guest.rekognition.send(
      new DetectLabelsCommand({
        Image: { S3Object: { Bucket: bucket, Name: `${prefix}coffee photo.png` } },
        Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'],
        Settings: { ImageProperties: { MaxDominantColors: 3 } },
      }),
    )
    expect(withProperties.ImageProperties?.Quality?.Brightness).toBeGreaterThan(0)
    expect(withProperties.ImageProperties?.DominantColors?.length).toBeLessThanOrEqual(3)
    expect(withProperties.ImageProperties?.DominantColors?.[0]?.HexCode).toMatch(/^#[0-9A-F]{6}$/i)

    const got = await guest.s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: `${prefix}coffee photo.png` }),
    )
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(coffee)).toBe(true)
    expect(got.ContentType).toBe('image/png')

    const head = await guest.s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}chelsea.png` }),
    )
    expect(head.Metadata).toEqual({ 'original-name': 'chelsea.png' })
    expect(head.ContentLength).toBe(cat.length)
    expect(head.ETag).toBe(put.ETag)

    await guest.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}chelsea.png` }))
    const after = await guest.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
    expect(after.Contents?.map((entry) => entry.Key)).toEqual([`${prefix}coffee photo.png`])
  })

  it('logs one line per request with operation, caller, status and time, and no secret', () => {
    const detect = endpoint.logs.find((line) => line.includes('DetectLabels'))
    expect(detect).toMatch(new RegExp(`DetectLabels caller=${guest.identityId} 200 \\d+ms`))
    const all = endpoint.logs.join('\n')
    expect(all).not.toContain(guest.credentials.secretAccessKey)
    expect(all).not.toContain(guest.credentials.sessionToken!)
    expect(all).not.toContain(endpoint.aws.adminCredentials.secretAccessKey)
  })
})
