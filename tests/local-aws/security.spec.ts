// Authentication and authorisation of the request path, each case with the exact error code AWS
// gives. A stand-in detector answers the DetectLabels calls that get through (request path
// only, fake detector): what matters here is who gets through.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeSha256 } from '../../local-aws/sha256.ts'
import {
  errorName,
  fakeDetector,
  newGuest,
  sendRaw,
  signRaw,
  startTestEndpoint,
  type Guest,
  type TestEndpoint,
} from './helpers.ts'

const minute = 60 * 1000

describe('request path security (fake detector)', () => {
  let endpoint: TestEndpoint
  let clockOffsetMs = 0
  let alice: Guest
  let bob: Guest
  let bucket: string
  let bobKey: string
  const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

  const s3As = (credentials: Guest['credentials'], offsetMs = 0): S3Client =>
    new S3Client({
      region: 'us-east-1',
      endpoint: endpoint.aws.endpoint,
      forcePathStyle: true,
      credentials,
      maxAttempts: 1,
      systemClockOffset: offsetMs,
    })
  const rekognitionAs = (credentials: Guest['credentials'], offsetMs = 0): RekognitionClient =>
    new RekognitionClient({
      region: 'us-east-1',
      endpoint: endpoint.aws.endpoint,
      credentials,
      maxAttempts: 1,
      systemClockOffset: offsetMs,
    })

  beforeAll(async () => {
    endpoint = await startTestEndpoint({
      detector: fakeDetector(),
      now: () => new Date(Date.now() + clockOffsetMs),
    })
    alice = await newGuest(endpoint.aws)
    bob = await newGuest(endpoint.aws)
    bucket = endpoint.aws.config.imagesBucket
    bobKey = `u/${bob.identityId}/bob.png`
    await bob.s3.send(new PutObjectCommand({ Bucket: bucket, Key: bobKey, Body: pngHeader }))
  })
  afterAll(() => endpoint.stop())

  it('rejects a wrong secret with SignatureDoesNotMatch / InvalidSignatureException', async () => {
    const forged = { ...alice.credentials, secretAccessKey: 'x'.repeat(40) }
    const list = s3As(forged).send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `u/${alice.identityId}/` }),
    )
    expect(await errorName(list)).toBe('SignatureDoesNotMatch')
    const label = rekognitionAs(forged).send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
    )
    expect(await errorName(label)).toBe('InvalidSignatureException')
  })

  it('rejects an unknown key with InvalidAccessKeyId / UnrecognizedClientException', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'y'.repeat(40) }
    expect(await errorName(s3As(unknown).send(new ListObjectsV2Command({ Bucket: bucket })))).toBe(
      'InvalidAccessKeyId',
    )
    const label = rekognitionAs(unknown).send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
    )
    expect(await errorName(label)).toBe('UnrecognizedClientException')
  })

  it('rejects a forged session token with InvalidToken / UnrecognizedClientException', async () => {
    const forged = { ...alice.credentials, sessionToken: bob.credentials.sessionToken }
    const get = s3As(forged).send(
      new GetObjectCommand({ Bucket: bucket, Key: `u/${alice.identityId}/x.png` }),
    )
    expect(await errorName(get)).toBe('InvalidToken')
    const label = rekognitionAs(forged).send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
    )
    expect(await errorName(label)).toBe('UnrecognizedClientException')
  })

  it('rejects temporary keys without their session token', async () => {
    const withoutToken = {
      accessKeyId: alice.credentials.accessKeyId,
      secretAccessKey: alice.credentials.secretAccessKey,
    }
    const put = s3As(withoutToken).send(
      new PutObjectCommand({ Bucket: bucket, Key: `u/${alice.identityId}/a.png`, Body: 'x' }),
    )
    expect(await errorName(put)).toBe('InvalidAccessKeyId')
    const label = rekognitionAs(withoutToken).send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
    )
    expect(await errorName(label)).toBe('UnrecognizedClientException')
  })

  it('rejects a body changed after signing', async () => {
    const signed = await signRaw({
      endpoint: endpoint.aws.endpoint,
      method: 'PUT',
      path: `/${bucket}/u/${encodeURIComponent(alice.identityId)}/a.txt`,
      body: 'what was signed',
      credentials: alice.credentials,
      service: 's3',
    })
    const reply = await sendRaw({ ...signed, body: 'what was sent!!' })
    expect([reply.status, reply.code]).toEqual([400, 'XAmzContentSHA256Mismatch'])

    const detect = await signRaw({
      endpoint: endpoint.aws.endpoint,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RekognitionService.DetectLabels',
      },
      body: JSON.stringify({ Image: { S3Object: { Bucket: bucket, Name: bobKey } } }),
      credentials: alice.credentials,
      service: 'rekognition',
    })
    const tampered = await sendRaw({
      ...detect,
      body: JSON.stringify({ Image: { S3Object: { Bucket: bucket, Name: `${bobKey}2` } } }),
    })
    expect([tampered.status, tampered.code]).toEqual([400, 'InvalidSignatureException'])
  })

  it('rejects a signed header changed after signing', async () => {
    const signed = await signRaw({
      endpoint: endpoint.aws.endpoint,
      method: 'PUT',
      path: `/${bucket}/u/${encodeURIComponent(alice.identityId)}/a.txt`,
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
      credentials: alice.credentials,
      service: 's3',
    })
    const reply = await sendRaw({
      ...signed,
      headers: { ...signed.headers, 'content-type': 'text/html' },
    })
    expect([reply.status, reply.code]).toEqual([403, 'SignatureDoesNotMatch'])
    // The untouched request goes through, so the refusal above is the tampering's doing.
    expect((await sendRaw(signed)).status).toBe(200)
  })

  it('rejects a path changed after signing', async () => {
    const signed = await signRaw({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/u/${encodeURIComponent(alice.identityId)}/a.txt`,
      credentials: alice.credentials,
      service: 's3',
    })
    const moved = await sendRaw({ ...signed, url: signed.url.replace('/a.txt', '/b.txt') })
    expect([moved.status, moved.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const bucketOnly = await sendRaw({ ...signed, url: `${endpoint.aws.endpoint}/${bucket}/` })
    expect(bucketOnly.code).toBe('SignatureDoesNotMatch')
  })

  it('rejects expired credentials with ExpiredToken / ExpiredTokenException', async () => {
    const carol = await newGuest(endpoint.aws)
    clockOffsetMs = 61 * minute
    try {
      const list = s3As(carol.credentials, clockOffsetMs).send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: `u/${carol.identityId}/` }),
      )
      expect(await errorName(list)).toBe('ExpiredToken')
      const label = rekognitionAs(carol.credentials, clockOffsetMs).send(
        new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
      )
      expect(await errorName(label)).toBe('ExpiredTokenException')
    } finally {
      clockOffsetMs = 0
    }
  })

  it('rejects a clock skew over 15 minutes, and accepts one under it', async () => {
    const prefix = `u/${alice.identityId}/`
    const skewed = s3As(alice.credentials, 16 * minute).send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
    )
    expect(await errorName(skewed)).toBe('RequestTimeTooSkewed')
    const behind = rekognitionAs(alice.credentials, -16 * minute).send(
      new DetectLabelsCommand({ Image: { Bytes: new Uint8Array(pngHeader) } }),
    )
    expect(await errorName(behind)).toBe('InvalidSignatureException')
    const slightly = s3As(alice.credentials, 14 * minute).send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
    )
    expect(await errorName(slightly)).toBe('no error')
  })

  it("denies guest A listing, reading or deleting under guest B's prefix", async () => {
    const list = alice.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `u/${bob.identityId}/` }),
    )
    expect(await errorName(list)).toBe('AccessDenied')
    const listAll = alice.s3.send(new ListObjectsV2Command({ Bucket: bucket }))
    expect(await errorName(listAll)).toBe('AccessDenied')
    const read = alice.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(await errorName(read)).toBe('AccessDenied')
    const remove = alice.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(await errorName(remove)).toBe('AccessDenied')
    const still = await bob.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(still.ContentLength).toBe(pngHeader.length)
  })

  it('denies a guest writing outside its own prefix', async () => {
    for (const key of [
      'shared/x.png',
      `u/${bob.identityId}/planted.png`,
      'u/x.png',
      'index.html',
    ]) {
      const put = alice.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }))
      expect(await errorName(put)).toBe('AccessDenied')
    }
    const own = alice.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `u/${alice.identityId}/ok.png`, Body: 'x' }),
    )
    expect(await errorName(own)).toBe('no error')
  })

  it("answers InvalidS3ObjectException when guest A labels guest B's object", async () => {
    const label = alice.rekognition.send(
      new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: bobKey } } }),
    )
    expect(await errorName(label)).toBe('InvalidS3ObjectException')
    const missing = alice.rekognition.send(
      new DetectLabelsCommand({
        Image: { S3Object: { Bucket: bucket, Name: `u/${alice.identityId}/none.png` } },
      }),
    )
    expect(await errorName(missing)).toBe('InvalidS3ObjectException')
  })

  it('refuses unsigned requests', async () => {
    const base = endpoint.aws.endpoint
    const get = await fetch(`${base}/${bucket}/${bobKey}`)
    expect([get.status, /<Code>(\w+)</.exec(await get.text())?.[1]]).toEqual([403, 'AccessDenied'])
    const put = await fetch(`${base}/${bucket}/public.txt`, { method: 'PUT', body: 'x' })
    expect(put.status).toBe(403)
    const detect = await fetch(`${base}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RekognitionService.DetectLabels',
      },
      body: JSON.stringify({ Image: { S3Object: { Bucket: bucket, Name: bobKey } } }),
    })
    expect(detect.status).toBe(400)
    expect(await detect.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' })
  })

  it('checks presigned URLs: valid, tampered and expired', async () => {
    const signer = new SignatureV4({
      credentials: bob.credentials,
      region: 'us-east-1',
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
    })
    const url = new URL(`${endpoint.aws.endpoint}/${bucket}/${bobKey}`)
    const presign = async (signingDate: Date): Promise<string> => {
      const signed = await signer.presign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        },
        {
          signingDate,
          expiresIn: 300,
          // As @aws-sdk/s3-request-presigner does: the payload hash is signed but never sent.
          unhoistableHeaders: new Set(['x-amz-content-sha256']),
          unsignableHeaders: new Set(['x-amz-content-sha256']),
        },
      )
      return `${url.origin}${url.pathname}?${new URLSearchParams(signed.query as Record<string, string>).toString()}`
    }
    const fresh = await presign(new Date())
    expect((await fetch(fresh)).status).toBe(200)
    const tampered = await fetch(fresh.replace('bob.png', 'bob.jpg'))
    expect(tampered.status).toBe(403)
    const stale = await fetch(await presign(new Date(Date.now() - 10 * minute)))
    expect([stale.status, /<Code>(\w+)</.exec(await stale.text())?.[1]]).toEqual([
      403,
      'AccessDenied',
    ])
  })

  it('gives the admin key pair full access', async () => {
    const admin = s3As(endpoint.aws.adminCredentials)
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket }))
    expect(listed.Contents?.map((entry) => entry.Key)).toContain(bobKey)
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'photos/admin.txt', Body: 'a' }))
    const label = rekognitionAs(endpoint.aws.adminCredentials).send(
      new DetectLabelsCommand({ Image: { S3Object: { Bucket: bucket, Name: bobKey } } }),
    )
    expect(await errorName(label)).not.toBe('InvalidS3ObjectException')
  })
})
