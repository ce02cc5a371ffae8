// Hostile and broken bodies: declared sizes that lie, uploads cut off half way, races on one key,
// multipart misuse, checksums that do not match and oversized or malformed JSON. Each gets the
// error AWS gives, nothing half-written is ever visible, and the server keeps serving (fake
// detector).
// One job, one file: every case spells out its own request on purpose, so it is long.
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxObjectBytes } from '../../local-aws/s3/context.ts'
import {
  adminS3,
  errorName,
  fakeDetector,
  newGuest,
  startTestEndpoint,
  type Guest,
  type TestEndpoint,
} from './helpers.ts'
import { send, sendHeadOnly, signHeaders } from './raw-http.ts'

const mib = 1024 * 1024

describe('hostile bodies (fake detector)', () => {
  let endpoint: TestEndpoint
  let bucket: string
  let alice: Guest

  const signedHead = async (method: string, path: string, headers: Record<string, string>) => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method,
      path,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers },
      credentials: endpoint.aws.adminCredentials,
      service: 's3',
    })
    const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`)
    return `${method} ${signed.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
  }
  const getStatus = async (key: string): Promise<string> =>
    errorName(adminS3(endpoint.aws).send(new GetObjectCommand({ Bucket: bucket, Key: key })))

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
    bucket = endpoint.aws.config.imagesBucket
    alice = await newGuest(endpoint.aws)
  })
  afterAll(() => endpoint.stop())

  it('refuses a declared Content-Length over the limit before any body is sent', async () => {
    const head = await signedHead('PUT', `/${bucket}/huge.bin`, {
      'content-length': String(5 * 1024 * mib),
    })
    const { response, aborted } = await sendHeadOnly(endpoint.aws.endpoint, head)
    expect(aborted).toBe(false)
    expect(response).toMatch(/^HTTP\/1\.1 400 /)
    expect(response).toContain('<Code>EntityTooLarge</Code>')
    expect(response.toLowerCase()).toContain('connection: close')
    expect(await getStatus('huge.bin')).toBe('NoSuchKey')
  })

  it('refuses a body that grows past the limit with no declared length, without keeping it', async () => {
    const head = await signedHead('PUT', `/${bucket}/endless.bin`, {
      'transfer-encoding': 'chunked',
      'x-amz-decoded-content-length': '1',
    })
    const chunk = Buffer.alloc(mib, 7)
    const framed = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ])
    const body = Buffer.concat(Array.from({ length: maxObjectBytes / mib + 4 }, () => framed))
    const rssBefore = process.memoryUsage().rss
    const { response } = await sendHeadOnly(endpoint.aws.endpoint, head, body, 20_000)
    expect(response).toContain('<Code>EntityTooLarge</Code>')
    expect(await getStatus('endless.bin')).toBe('NoSuchKey')
    // Bounded: the endpoint (same process) did not keep the refused body.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(maxObjectBytes * 3)
  })

  it('holds at most four of the largest bodies at once; the next upload is told to slow down', async () => {
    const head = await signedHead('PUT', `/${bucket}/budget.bin`, {
      'content-length': String(maxObjectBytes),
    })
    // Four uploads announce 64 MiB each and then stall; a fifth arrives meanwhile.
    const stalled = Array.from({ length: 4 }, () =>
      sendHeadOnly(endpoint.aws.endpoint, head, Buffer.alloc(1024), 3000),
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    const fifth = await sendHeadOnly(endpoint.aws.endpoint, head, Buffer.alloc(0), 2500)
    expect(fifth.response).toMatch(/^HTTP\/1\.1 503 /)
    expect(fifth.response).toContain('<Code>SlowDown</Code>')
    for (const upload of await Promise.all(stalled)) expect(upload.aborted).toBe(true)
    // Their reservations end with them: a small upload goes through again.
    const after = await adminS3(endpoint.aws).send(
      new PutObjectCommand({ Bucket: bucket, Key: 'budget-after.bin', Body: 'ok' }),
    )
    expect(after.ETag).toBeDefined()
    expect(await getStatus('budget.bin')).toBe('NoSuchKey')
  })

  it('answers a PUT of unknown length with 411 MissingContentLength', async () => {
    const head = await signedHead('PUT', `/${bucket}/chunked.bin`, {
      'transfer-encoding': 'chunked',
    })
    const { response } = await sendHeadOnly(
      endpoint.aws.endpoint,
      head,
      Buffer.from('5\r\nhello\r\n0\r\n\r\n'),
    )
    expect(response).toMatch(/^HTTP\/1\.1 411 /)
    expect(response).toContain('<Code>MissingContentLength</Code>')
    expect(await getStatus('chunked.bin')).toBe('NoSuchKey')
  })

  it('leaves no object when an upload stops short of its Content-Length', async () => {
    await adminS3(endpoint.aws).send(
      new PutObjectCommand({ Bucket: bucket, Key: 'kept.bin', Body: 'the old version' }),
    )
    for (const key of ['cut.bin', 'kept.bin']) {
      const head = await signedHead('PUT', `/${bucket}/${key}`, { 'content-length': '1000' })
      const { aborted } = await sendHeadOnly(endpoint.aws.endpoint, head, Buffer.alloc(400, 1), 500)
      expect(aborted).toBe(true)
    }
    expect(await getStatus('cut.bin')).toBe('NoSuchKey')
    const kept = await adminS3(endpoint.aws).send(
      new GetObjectCommand({ Bucket: bucket, Key: 'kept.bin' }),
    )
    expect(await kept.Body!.transformToString()).toBe('the old version')
  })

  it('ends concurrent writes to one key with exactly one whole body and one data file', async () => {
    const bodies = Array.from({ length: 12 }, (_, index) => Buffer.alloc(64 * 1024 + index, index))
    const s3 = adminS3(endpoint.aws)
    const results = await Promise.all(
      bodies.map((body) =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'race.bin', Body: body })),
      ),
    )
    expect(results.every((result) => result.ETag !== undefined)).toBe(true)
    const final = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'race.bin' }))
    const data = Buffer.from(await final.Body!.transformToByteArray())
    const winner = bodies.find((body) => body.equals(data))
    expect(winner).toBeDefined()
    expect(final.ETag).toBe(`"${createHash('md5').update(data).digest('hex')}"`)
    const stem = createHash('sha256').update('race.bin').digest('hex')
    const files = await readdir(join(endpoint.dataDir, 'objects', bucket))
    expect(files.filter((name) => name.startsWith(stem)).sort()).toHaveLength(2)
    expect(files.filter((name) => name.startsWith('.tmp-'))).toEqual([])
  })

  it('rejects x-amz-checksum headers that do not match (BadDigest) or are not checksums', async () => {
    const s3 = adminS3(endpoint.aws)
    const wrongSha = s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sum.bin',
        Body: 'payload',
        ChecksumSHA256: createHash('sha256').update('other').digest('base64'),
      }),
    )
    expect(await errorName(wrongSha)).toBe('BadDigest')
    const wrongSha1 = s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sum.bin',
        Body: 'payload',
        ChecksumSHA1: createHash('sha1').update('other').digest('base64'),
      }),
    )
    expect(await errorName(wrongSha1)).toBe('BadDigest')
    const garbage = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'PUT',
      path: `/${bucket}/sum.bin`,
      headers: {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'x-amz-checksum-crc32c': 'not a checksum',
        'content-length': '7',
      },
      credentials: endpoint.aws.adminCredentials,
      service: 's3',
    })
    const reply = await send(endpoint.aws.endpoint, {
      method: 'PUT',
      path: garbage.path,
      headers: garbage.headers,
      body: Buffer.from('payload'),
    })
    expect([reply.status, reply.code]).toEqual([400, 'InvalidRequest'])
    expect(await getStatus('sum.bin')).toBe('NoSuchKey')
    const good = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'sum.bin',
        Body: 'payload',
        ChecksumAlgorithm: 'SHA256',
      }),
    )
    expect(good.ChecksumSHA256).toBe(createHash('sha256').update('payload').digest('base64'))
  })

  it('completes a multipart upload and refuses its misuse with the S3 error names', async () => {
    const s3 = adminS3(endpoint.aws)
    const key = 'multi.bin'
    const first = Buffer.alloc(5 * mib, 1)
    const last = Buffer.from('tail')
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'image/jpeg' }),
    )
    const one = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: first }),
    )
    const two = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 2, Body: last }),
    )
    const complete = (parts: { ETag?: string; PartNumber: number }[], uploadId = UploadId) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      )
    expect(await errorName(complete([{ ETag: '"0"', PartNumber: 1 }]))).toBe('InvalidPart')
    expect(
      await errorName(
        complete([
          { ETag: two.ETag!, PartNumber: 2 },
          { ETag: one.ETag!, PartNumber: 1 },
        ]),
      ),
    ).toBe('InvalidPartOrder')
    expect(await errorName(complete([{ ETag: one.ETag!, PartNumber: 1 }], '../../state'))).toBe(
      'NoSuchUpload',
    )
    const done = await complete([
      { ETag: one.ETag!, PartNumber: 1 },
      { ETag: two.ETag!, PartNumber: 2 },
    ])
    const md5 = (data: Buffer) => createHash('md5').update(data).digest()
    expect(done.ETag).toBe(
      `"${createHash('md5')
        .update(Buffer.concat([md5(first), md5(last)]))
        .digest('hex')}-2"`,
    )
    const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    expect(read.ContentType).toBe('image/jpeg')
    // Compared with equals(): a deep toEqual over 5 MiB takes half a minute.
    const joined = Buffer.from(await read.Body!.transformToByteArray())
    expect(joined.equals(Buffer.concat([first, last]))).toBe(true)
    // Completed: the upload is gone.
    expect(await errorName(complete([{ ETag: one.ETag!, PartNumber: 1 }]))).toBe('NoSuchUpload')

    const small = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'small' }))
    const parts = []
    for (const PartNumber of [1, 2]) {
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: 'small',
          UploadId: small.UploadId,
          PartNumber,
          Body: 'tiny',
        }),
      )
      parts.push({ ETag: part.ETag!, PartNumber })
    }
    const tooSmall = s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'small',
        UploadId: small.UploadId,
        MultipartUpload: { Parts: parts },
      }),
    )
    expect(await errorName(tooSmall)).toBe('EntityTooSmall')
    const badPart = s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'small',
        UploadId: small.UploadId,
        PartNumber: 10_001,
        Body: 'x',
      }),
    )
    expect(await errorName(badPart)).toBe('InvalidArgument')
    const otherKey = s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'elsewhere',
        UploadId: small.UploadId,
        PartNumber: 1,
        Body: 'x',
      }),
    )
    expect(await errorName(otherKey)).toBe('NoSuchUpload')
    // Parts may not add up past the object limit (two halves replace parts 1 and 2 and fill it):
    // disk use stays bounded too.
    const part = Buffer.alloc(maxObjectBytes / 2, 2)
    for (const PartNumber of [1, 2]) {
      await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: 'small',
          UploadId: small.UploadId,
          PartNumber,
          Body: part,
        }),
      )
    }
    const overflow = s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'small',
        UploadId: small.UploadId,
        PartNumber: 5,
        Body: 'x',
      }),
    )
    expect(await errorName(overflow)).toBe('EntityTooLarge')
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'small', UploadId: small.UploadId }),
    )
    expect(await getStatus('small')).toBe('NoSuchKey')
  })

  it('answers a malformed CompleteMultipartUpload body with MalformedXML', async () => {
    const s3 = adminS3(endpoint.aws)
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'xml' }),
    )
    for (const body of ['<CompleteMultipartUpload><Part>', 'not xml at all', '<Other/>', '']) {
      const signed = await signHeaders({
        endpoint: endpoint.aws.endpoint,
        method: 'POST',
        path: `/${bucket}/xml`,
        query: { uploadId: UploadId! },
        headers: {
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
          'content-length': String(Buffer.byteLength(body)),
        },
        credentials: endpoint.aws.adminCredentials,
        service: 's3',
      })
      const reply = await send(endpoint.aws.endpoint, {
        method: 'POST',
        path: signed.path,
        headers: signed.headers,
        body: Buffer.from(body),
      })
      expect([body, reply.status, reply.code]).toEqual([body, 400, 'MalformedXML'])
    }
  })

  it('lets a guest upload in parts only under its own prefix, and not abort (policy has no s3:AbortMultipartUpload)', async () => {
    const ownKey = `u/${alice.identityId}/big.jpg`
    const created = await alice.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: ownKey }),
    )
    const part = await alice.s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: ownKey,
        UploadId: created.UploadId,
        PartNumber: 1,
        Body: 'only part',
      }),
    )
    await alice.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: ownKey,
        UploadId: created.UploadId,
        MultipartUpload: { Parts: [{ ETag: part.ETag!, PartNumber: 1 }] },
      }),
    )
    const read = await alice.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ownKey }))
    expect(await read.Body!.transformToString()).toBe('only part')
    const outside = alice.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'u/someone/x' }),
    )
    expect(await errorName(outside)).toBe('AccessDenied')
    const again = await alice.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: ownKey }),
    )
    const abort = alice.s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: ownKey, UploadId: again.UploadId }),
    )
    expect(await errorName(abort)).toBe('AccessDenied')
  })

  it('refuses oversized, invalid and deeply nested DetectLabels bodies, then still serves', async () => {
    const bytes = Buffer.alloc(5 * mib + 1, 0xff)
    const tooLarge = alice.rekognition.send(new DetectLabelsCommand({ Image: { Bytes: bytes } }))
    expect(await errorName(tooLarge)).toBe('ImageTooLargeException')
    const json = async (body: string, target = 'RekognitionService.DetectLabels') => {
      const signed = await signHeaders({
        endpoint: endpoint.aws.endpoint,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': target,
          'content-length': String(Buffer.byteLength(body)),
        },
        body: Buffer.from(body),
        credentials: alice.credentials,
        service: target.startsWith('Rekognition') ? 'rekognition' : 'cognito-identity',
      })
      return send(endpoint.aws.endpoint, {
        method: 'POST',
        path: '/',
        headers: signed.headers,
        body: Buffer.from(body),
      })
    }
    const invalidBase64 = await json('{"Image":{"Bytes":"@@not base64@@"}}')
    expect([invalidBase64.status, invalidBase64.code]).toEqual([400, 'SerializationException'])
    const nested = await json(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)
    expect([nested.status, nested.code]).toEqual([400, 'SerializationException'])
    const deepObject = await json(`{"Image":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)
    expect(deepObject.status).toBe(400)
    const hugeCognito = await json(
      JSON.stringify({ IdentityPoolId: 'x'.repeat(2 * mib) }),
      'AWSCognitoIdentityService.GetId',
    )
    expect([hugeCognito.status, hugeCognito.code]).toEqual([400, 'SerializationException'])
    const declaredHuge = await sendHeadOnly(
      endpoint.aws.endpoint,
      'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.1\r\n' +
        `x-amz-target: RekognitionService.DetectLabels\r\ncontent-length: ${64 * mib}\r\n\r\n`,
    )
    expect(declaredHuge.response).toContain('ImageTooLargeException')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const still = alice.rekognition.send(new DetectLabelsCommand({ Image: { Bytes: png } }))
    expect(await errorName(still)).toBe('InvalidImageFormatException')
  })
})
