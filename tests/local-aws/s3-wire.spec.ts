// S3 and Cognito on the wire: payload modes and digests, ranges, listing parameters,
// conditional writes, and state that survives a restart (CORS: cors.spec.ts). Nothing here labels an image,
// so the endpoint runs with a stand-in detector (request path only, fake detector).
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  adminS3,
  errorName,
  fakeDetector,
  newGuest,
  sendRaw,
  signRaw,
  startTestEndpoint,
  type TestEndpoint,
} from './helpers.ts'

const md5 = (text: string): string => createHash('md5').update(text).digest('base64')

const crc32Base64 = (data: Buffer): string => {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(crc32(data))
  return bytes.toString('base64')
}

describe('S3 and Cognito wire behaviour (fake detector)', () => {
  let endpoint: TestEndpoint
  let admin: S3Client
  let bucket: string

  const putRaw = async (key: string, body: string, headers: Record<string, string>) =>
    sendRaw(
      await signRaw({
        endpoint: endpoint.aws.endpoint,
        method: 'PUT',
        path: `/${bucket}/${key}`,
        headers,
        body,
        credentials: endpoint.aws.adminCredentials,
        service: 's3',
      }),
    )

  const getRaw = async (path: string, headers: Record<string, string> = {}) =>
    sendRaw(
      await signRaw({
        endpoint: endpoint.aws.endpoint,
        method: 'GET',
        path,
        headers,
        credentials: endpoint.aws.adminCredentials,
        service: 's3',
      }),
    )

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
    admin = adminS3(endpoint.aws)
    bucket = endpoint.aws.config.imagesBucket
  })
  afterAll(() => endpoint.stop())

  it('answers Cognito with epoch-second expirations and ResourceNotFoundException', async () => {
    const call = (target: string, body: unknown) =>
      fetch(`${endpoint.aws.endpoint}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityService.${target}`,
        },
        body: JSON.stringify(body),
      })
    const otherPool = await call('GetId', { IdentityPoolId: 'us-east-1:not-this-pool' })
    expect([otherPool.status, ((await otherPool.json()) as { __type: string }).__type]).toEqual([
      400,
      'ResourceNotFoundException',
    ])
    const unknown = await call('GetCredentialsForIdentity', {
      IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000',
    })
    expect(((await unknown.json()) as { __type: string }).__type).toBe('ResourceNotFoundException')
    const id = (await (
      await call('GetId', { IdentityPoolId: endpoint.aws.config.identityPoolId })
    ).json()) as { IdentityId: string }
    const issued = (await (
      await call('GetCredentialsForIdentity', { IdentityId: id.IdentityId })
    ).json()) as { Credentials: { Expiration: number } }
    const nowSeconds = Date.now() / 1000
    expect(issued.Credentials.Expiration).toBeGreaterThan(nowSeconds + 3590)
    expect(issued.Credentials.Expiration).toBeLessThan(nowSeconds + 3610)
  })

  it('verifies Content-MD5 and CRC32 headers (BadDigest on mismatch)', async () => {
    const good = await putRaw('digest/a.txt', 'hello', { 'content-md5': md5('hello') })
    expect(good.status).toBe(200)
    expect(good.headers.get('etag')).toBe('"5d41402abc4b2a76b9719d911017c592"')
    const badMd5 = await putRaw('digest/b.txt', 'hello', { 'content-md5': md5('hellO') })
    expect([badMd5.status, badMd5.code]).toEqual([400, 'BadDigest'])
    const badCrc = await putRaw('digest/c.txt', 'hello', {
      'x-amz-checksum-crc32': crc32Base64(Buffer.from('other')),
    })
    expect([badCrc.status, badCrc.code]).toEqual([400, 'BadDigest'])
    const goodCrc = await putRaw('digest/d.txt', 'hello', {
      'x-amz-checksum-crc32': crc32Base64(Buffer.from('hello')),
    })
    expect(goodCrc.status).toBe(200)
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'digest/' }))
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual(['digest/a.txt', 'digest/d.txt'])
  })

  it('decodes aws-chunked bodies with a trailer and checks the trailer CRC', async () => {
    const data = Buffer.from('chunked photo bytes')
    const framed = (trailerCrc: string) =>
      `${(10).toString(16)}\r\n${data.subarray(0, 10).toString()}\r\n` +
      `${(data.length - 10).toString(16)}\r\n${data.subarray(10).toString()}\r\n` +
      `0\r\nx-amz-checksum-crc32:${trailerCrc}\r\n\r\n`
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': String(data.length),
      'x-amz-trailer': 'x-amz-checksum-crc32',
    }
    const good = await putRaw('chunked/ok.bin', framed(crc32Base64(data)), headers)
    expect(good.status).toBe(200)
    const stored = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: 'chunked/ok.bin' }))
    expect(await stored.Body!.transformToString()).toBe(data.toString())
    const bad = await putRaw('chunked/bad.bin', framed(crc32Base64(Buffer.from('x'))), headers)
    expect([bad.status, bad.code]).toEqual([400, 'BadDigest'])
  })

  it('serves byte ranges, and InvalidRange past the end', async () => {
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'range.txt', Body: '0123456789' }))
    const middle = await admin.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'range.txt', Range: 'bytes=2-5' }),
    )
    expect(await middle.Body!.transformToString()).toBe('2345')
    expect(middle.ContentRange).toBe('bytes 2-5/10')
    const suffix = await getRaw(`/${bucket}/range.txt`, { range: 'bytes=-3' })
    expect(suffix.status).toBe(206)
    const beyond = await getRaw(`/${bucket}/range.txt`, { range: 'bytes=20-30' })
    expect([beyond.status, beyond.code]).toEqual([416, 'InvalidRange'])
  })

  it('lists with prefix, delimiter, max-keys, continuation-token, start-after', async () => {
    const keys = ['list/a.png', 'list/b c.png', 'list/d/1.png', 'list/d/2.png', 'list/e+f.png']
    for (const key of keys) {
      await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }))
    }
    const grouped = await admin.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', Delimiter: '/' }),
    )
    expect(grouped.Contents?.map((entry) => entry.Key)).toEqual([
      'list/a.png',
      'list/b c.png',
      'list/e+f.png',
    ])
    expect(grouped.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['list/d/'])
    expect(grouped.KeyCount).toBe(4)

    const pages: string[][] = []
    let token: string | undefined
    do {
      const page = await admin.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: 'list/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      )
      pages.push(page.Contents?.map((entry) => entry.Key!) ?? [])
      token = page.NextContinuationToken
      expect(page.IsTruncated).toBe(token !== undefined)
    } while (token)
    expect(pages).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4)])

    const after = await admin.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', StartAfter: 'list/d/1.png' }),
    )
    expect(after.Contents?.map((entry) => entry.Key)).toEqual(['list/d/2.png', 'list/e+f.png'])

    const encoded = await getRaw(`/${bucket}?list-type=2&prefix=list%2F&encoding-type=url`)
    expect(encoded.status).toBe(200)
    const text = encoded.text
    expect(text).toContain('<Key>list/b%20c.png</Key>')
    expect(text).toContain('<Key>list/e%2Bf.png</Key>')
    expect(text).toContain('<EncodingType>url</EncodingType>')
  })

  it('keeps content type and user metadata, and answers 404s the way S3 does', async () => {
    await admin.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'meta.jpg',
        Body: 'x',
        ContentType: 'image/jpeg',
        Metadata: { width: '640', note: 'hello' },
      }),
    )
    const head = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta.jpg' }))
    expect(head.ContentType).toBe('image/jpeg')
    expect(head.Metadata).toEqual({ width: '640', note: 'hello' })
    expect(await errorName(admin.send(new HeadObjectCommand({ Bucket: bucket, Key: 'no' })))).toBe(
      'NotFound',
    )
    expect(await errorName(admin.send(new GetObjectCommand({ Bucket: bucket, Key: 'no' })))).toBe(
      'NoSuchKey',
    )
    const otherBucket = admin.send(new GetObjectCommand({ Bucket: 'not-the-bucket', Key: 'x' }))
    expect(await errorName(otherBucket)).toBe('NoSuchBucket')
    const deleted = await admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'never' }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
  })

  it('answers a malformed percent-escape with InvalidURI and keeps serving', async () => {
    const response = await fetch(`${endpoint.aws.endpoint}/${bucket}/bad%E0%A4%A.png`)
    expect([response.status, /<Code>(\w+)</.exec(await response.text())?.[1]]).toEqual([
      400,
      'InvalidURI',
    ])
    const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }))
    expect(listed.$metadata.httpStatusCode).toBe(200)
  })

  it('supports conditional writes with If-None-Match and If-Match (412 otherwise)', async () => {
    const guest = await newGuest(endpoint.aws)
    const key = `u/${guest.identityId}/autosave.json`
    const first = await guest.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"v":1}', IfNoneMatch: '*' }),
    )
    const again = guest.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"v":2}', IfNoneMatch: '*' }),
    )
    expect(await errorName(again)).toBe('PreconditionFailed')
    const second = await guest.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"v":2}', IfMatch: first.ETag }),
    )
    const stale = guest.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"v":3}', IfMatch: first.ETag }),
    )
    expect(await errorName(stale)).toBe('PreconditionFailed')
    const current = await guest.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    expect(await current.Body!.transformToString()).toBe('{"v":2}')
    expect(current.ETag).toBe(second.ETag)
    const missing = guest.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `u/${guest.identityId}/none.json`,
        Body: '{}',
        IfMatch: first.ETag,
      }),
    )
    expect(await errorName(missing)).toBe('NoSuchKey')
  })
})

describe('state across a restart (fake detector)', () => {
  it('keeps identities, issued credentials, objects, pool, bucket and admin keys', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-aws-restart-'))
    try {
      const first = await startTestEndpoint({ dataDir, detector: fakeDetector() })
      const guest = await newGuest(first.aws)
      const key = `u/${guest.identityId}/kept.txt`
      const bucket = first.aws.config.imagesBucket
      await guest.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'kept' }))
      const before = { config: first.aws.config, admin: first.aws.adminCredentials }
      await first.stop()

      const second = await startTestEndpoint({
        dataDir,
        port: first.aws.port,
        detector: fakeDetector(),
      })
      try {
        expect(second.aws.config).toEqual(before.config)
        expect(second.aws.adminCredentials).toEqual(before.admin)
        // The credentials issued before the restart still sign requests.
        const kept = await guest.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        expect(await kept.Body!.transformToString()).toBe('kept')
        const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as unknown
        expect(config).toEqual(before.config)
        const credentials = await readFile(join(dataDir, 'credentials'), 'utf8')
        expect(credentials).toContain('[local]')
        expect(credentials).toContain(`aws_access_key_id = ${before.admin.accessKeyId}`)
        const leftovers = (await readdir(dataDir, { recursive: true })).filter((name) =>
          name.includes('.tmp-'),
        )
        expect(leftovers).toEqual([])
      } finally {
        await second.stop()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
