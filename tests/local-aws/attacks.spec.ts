// Hostile keys, identity-prefix confusion and tampered signing, each answered with the exact
// error S3 or Rekognition gives, with nothing stored outside the data directory (fake detector:
// what matters is what gets through).
// One job, one file: every case spells out its own request on purpose, so it is long.
import { createHash, createHmac } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorName,
  fakeDetector,
  newGuest,
  startTestEndpoint,
  type Guest,
  type TestEndpoint,
} from './helpers.ts'
import {
  presignPath,
  send,
  sendHeadOnly,
  signHeaders,
  signWithDateHeader,
  type SignOptions,
} from './raw-http.ts'

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
}

describe('attacks on keys, prefixes and signatures (fake detector)', () => {
  let endpoint: TestEndpoint
  let bucket: string
  let alice: Guest
  let bob: Guest
  let bobKey: string
  const bobBytes = Buffer.from('bob owns this')

  const admin = (): SignOptions['credentials'] => endpoint.aws.adminCredentials
  const signedSend = async (
    options: Omit<SignOptions, 'endpoint' | 'credentials' | 'service'> & {
      credentials?: SignOptions['credentials']
      service?: string
    },
  ) => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      credentials: options.credentials ?? admin(),
      service: options.service ?? 's3',
      ...options,
      headers: {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        ...(options.body ? { 'content-length': String(options.body.length) } : {}),
        ...options.headers,
      },
    })
    return send(endpoint.aws.endpoint, {
      method: options.method,
      path: signed.path,
      headers: signed.headers,
      ...(options.body ? { body: options.body } : {}),
    })
  }
  const own = (guest: Guest, rest: string): string =>
    `/${bucket}/u/${encodeURIComponent(guest.identityId)}/${rest}`

  beforeAll(async () => {
    endpoint = await startTestEndpoint({ detector: fakeDetector() })
    bucket = endpoint.aws.config.imagesBucket
    alice = await newGuest(endpoint.aws)
    bob = await newGuest(endpoint.aws)
    bobKey = `u/${bob.identityId}/photo.png`
    await bob.s3.send(new PutObjectCommand({ Bucket: bucket, Key: bobKey, Body: bobBytes }))
  })
  afterAll(() => endpoint.stop())

  it('stores dot-segment, double-slash and %2F keys literally, never outside the store', async () => {
    const hostile = [
      ['/../../../escape.txt', '../../../escape.txt'],
      ['/./x', './x'],
      ['/a//b', 'a//b'],
      ['/..%2F..%2F..%2Fescape2.txt', '../../../escape2.txt'],
      ['/%2E%2E/%2E%2E/escape3.txt', '../../escape3.txt'],
    ]
    for (const [rawKey, key] of hostile) {
      const body = Buffer.from(`body of ${key}`)
      const put = await signedSend({ method: 'PUT', path: `/${bucket}${rawKey}`, body })
      expect([key, put.status]).toEqual([key, 200])
      const get = await signedSend({ method: 'GET', path: `/${bucket}${rawKey}` })
      expect(get.body.toString()).toBe(`body of ${key}`)
    }
    const listed = await signedSend({
      method: 'GET',
      path: `/${bucket}`,
      query: { 'list-type': '2', 'encoding-type': 'url' },
    })
    const keys = [...listed.body.toString().matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) =>
      decodeURIComponent(match[1]!),
    )
    for (const [, key] of hostile) expect(keys).toContain(key)
    expect(keys).not.toContain('a/b')
    // Every file the endpoint wrote is inside the data dir, under names it chose (hashes).
    const files = await filesUnder(endpoint.dataDir)
    for (const file of files) expect(file.startsWith('..')).toBe(false)
    const objectFiles = files.filter((file) => file.startsWith(join('objects', bucket)))
    for (const file of objectFiles) {
      expect(file.slice(join('objects', bucket).length + 1)).toMatch(
        /^[0-9a-f]{64}(-[0-9a-f]{8}\.bin|\.json)$/,
      )
    }
  })

  it('keeps unicode and NUL keys intact and lists them URL-encoded', async () => {
    const keys = ['ünïcødé/猫 photo.png', 'nul\u0000byte', 'line\nbreak&<tag>']
    for (const key of keys) {
      const path = `/${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`
      expect((await signedSend({ method: 'PUT', path, body: Buffer.from(key) })).status).toBe(200)
      expect((await signedSend({ method: 'GET', path })).body.toString()).toBe(key)
    }
    const listed = await signedSend({
      method: 'GET',
      path: `/${bucket}`,
      query: { 'list-type': '2', 'encoding-type': 'url' },
    })
    const names = [...listed.body.toString().matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) =>
      decodeURIComponent(match[1]!),
    )
    for (const key of keys) expect(names).toContain(key)
  })

  it('rejects keys over 1024 bytes with KeyTooLongError and takes one of exactly 1024', async () => {
    const tooLong = await signedSend({
      method: 'PUT',
      path: `/${bucket}/${'k'.repeat(1025)}`,
      body: Buffer.from('x'),
    })
    expect([tooLong.status, tooLong.code]).toEqual([400, 'KeyTooLongError'])
    // Bytes, not characters: 342 three-byte characters are 1026 bytes.
    const wide = await signedSend({
      method: 'PUT',
      path: `/${bucket}/${encodeURIComponent('猫'.repeat(342))}`,
      body: Buffer.from('x'),
    })
    expect([wide.status, wide.code]).toEqual([400, 'KeyTooLongError'])
    const fits = await signedSend({
      method: 'PUT',
      path: `/${bucket}/${'k'.repeat(1024)}`,
      body: Buffer.from('x'),
    })
    expect(fits.status).toBe(200)
  })

  it('answers keys of tens of kilobytes on the wire with KeyTooLongError, not a reset', async () => {
    // 6000 three-byte characters: 18,000 bytes, 54,000 characters percent-encoded.
    const reply = await signedSend({
      method: 'PUT',
      path: `/${bucket}/${encodeURIComponent('猫'.repeat(6000))}`,
      body: Buffer.from('x'),
    })
    expect([reply.status, reply.code]).toEqual([400, 'KeyTooLongError'])
  })

  it('answers unparseable HTTP and oversized headers with a status, then keeps serving', async () => {
    const garbage = await sendHeadOnly(endpoint.aws.endpoint, 'NOT HTTP AT ALL\r\n\r\n')
    expect(garbage.response).toMatch(/^HTTP\/1\.1 400 /)
    const huge = await sendHeadOnly(
      endpoint.aws.endpoint,
      `GET /${bucket}/x HTTP/1.1\r\nhost: x\r\nx-amz-meta-big: ${'a'.repeat(100_000)}\r\n\r\n`,
    )
    expect(huge.response).toMatch(/^HTTP\/1\.1 431 /)
    const still = await signedSend({ method: 'GET', path: `/${bucket}/dup.txt` })
    expect(still.status).toBeLessThan(500)
  })

  it('refuses a request that carries two authentication mechanisms', async () => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      query: { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      credentials: admin(),
      service: 's3',
    })
    const reply = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: signed.path,
      headers: signed.headers,
    })
    expect([reply.status, reply.code]).toEqual([400, 'InvalidArgument'])
  })

  it("denies keys that only look like the guest's prefix", async () => {
    const near = [
      `u/${alice.identityId}x/a.png`,
      `u/${alice.identityId}`,
      `u/${alice.identityId.split(':')[0]}/a.png`,
      `u/${alice.identityId.toUpperCase()}/a.png`,
      `U/${alice.identityId}/a.png`,
      `/u/${alice.identityId}/a.png`,
    ]
    for (const key of near) {
      const put = alice.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }))
      expect([key, await errorName(put)]).toEqual([key, 'AccessDenied'])
    }
  })

  it("never reaches guest B's objects through dot segments or %2F in guest A's prefix", async () => {
    for (const rest of [
      `../${encodeURIComponent(bob.identityId)}/photo.png`,
      `..%2F${encodeURIComponent(bob.identityId)}%2Fphoto.png`,
      `..%2F..%2Fu%2F${encodeURIComponent(bob.identityId)}%2Fphoto.png`,
    ]) {
      const path = own(alice, rest)
      const put = await signedSend({
        method: 'PUT',
        path,
        body: Buffer.from('alice was here'),
        credentials: alice.credentials,
      })
      // The key is literal and under A's own prefix: A may write it, and it is A's object.
      expect([rest, put.status]).toEqual([rest, 200])
      const get = await signedSend({ method: 'GET', path, credentials: alice.credentials })
      expect(get.body.toString()).toBe('alice was here')
    }
    const bobsCopy = await bob.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(Buffer.from(await bobsCopy.Body!.transformToByteArray())).toEqual(bobBytes)
    const bobsList = await bob.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `u/${bob.identityId}/` }),
    )
    expect(bobsList.Contents?.map((entry) => entry.Key)).toEqual([bobKey])
    // Reading B's key as written by a path that normalises to it is still refused.
    const viaDots = await signedSend({
      method: 'GET',
      path: `/${bucket}/u/${encodeURIComponent(alice.identityId)}/../${encodeURIComponent(bob.identityId)}/photo.png`,
      credentials: alice.credentials,
    })
    expect(viaDots.body.toString()).not.toBe(bobBytes.toString())
  })

  it('lists only with the own prefix: u/, the prefix without its slash and no prefix are denied', async () => {
    for (const prefix of [undefined, '', 'u/', `u/${alice.identityId}`, `u/${bob.identityId}/`]) {
      const list = alice.s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          ...(prefix === undefined ? {} : { Prefix: prefix }),
        }),
      )
      expect([prefix, await errorName(list)]).toEqual([prefix, 'AccessDenied'])
    }
    const ownPrefix = `u/${alice.identityId}/`
    const tricks = [
      { StartAfter: `u/${bob.identityId}/` },
      { StartAfter: 'u/' },
      { ContinuationToken: Buffer.from(`u/${bob.identityId}/`).toString('base64url') },
      { ContinuationToken: Buffer.from('u/').toString('base64url') },
      { Delimiter: alice.identityId },
      { Delimiter: 'u' },
    ]
    for (const trick of tricks) {
      const listed = await alice.s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: ownPrefix, ...trick }),
      )
      const seen = [
        ...(listed.Contents ?? []).map((entry) => entry.Key ?? ''),
        ...(listed.CommonPrefixes ?? []).map((entry) => entry.Prefix ?? ''),
      ]
      for (const key of seen) expect(key.startsWith(ownPrefix)).toBe(true)
    }
  })

  it('answers another bucket name with NoSuchBucket, for guests and in DetectLabels', async () => {
    const put = alice.s3.send(
      new PutObjectCommand({
        Bucket: 'someone-elses-bucket',
        Key: `u/${alice.identityId}/a`,
        Body: 'x',
      }),
    )
    expect(await errorName(put)).toBe('NoSuchBucket')
    for (const image of [
      { Bucket: 'someone-elses-bucket', Name: bobKey },
      { Bucket: bucket, Name: bobKey },
      { Bucket: bucket, Name: `u/${alice.identityId}/./../${bob.identityId}/photo.png` },
      { Bucket: bucket, Name: `u/${alice.identityId}/a.png`, Version: 'v2' },
    ]) {
      const label = alice.rekognition.send(new DetectLabelsCommand({ Image: { S3Object: image } }))
      expect([image, await errorName(label)]).toEqual([image, 'InvalidS3ObjectException'])
    }
  })

  it("copies only what the caller may read: guest A cannot copy B's object into its prefix", async () => {
    const ownKey = `u/${alice.identityId}/stolen.png`
    const copy = alice.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: ownKey,
        CopySource: `${bucket}/${encodeURIComponent(bobKey)}`,
      }),
    )
    expect(await errorName(copy)).toBe('AccessDenied')
    const intoBob = bob.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: `u/${alice.identityId}/gift.png`,
        CopySource: `${bucket}/${encodeURIComponent(bobKey)}`,
      }),
    )
    expect(await errorName(intoBob)).toBe('AccessDenied')
    const own = await bob.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: `u/${bob.identityId}/copy.png`,
        CopySource: `${bucket}/${encodeURIComponent(bobKey)}`,
      }),
    )
    expect(own.CopyObjectResult?.ETag).toBe(`"${createHash('md5').update(bobBytes).digest('hex')}"`)
  })

  it("deletes in bulk only what the caller may delete: B's key comes back AccessDenied", async () => {
    const ownKey = `u/${alice.identityId}/bulk & <odd>.png`
    await alice.s3.send(new PutObjectCommand({ Bucket: bucket, Key: ownKey, Body: 'mine' }))
    const result = await alice.s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: ownKey }, { Key: bobKey }] },
      }),
    )
    expect(result.Deleted?.map((entry) => entry.Key)).toEqual([ownKey])
    expect(result.Errors?.map((entry) => [entry.Key, entry.Code])).toEqual([
      [bobKey, 'AccessDenied'],
    ])
    const bobsCopy = await bob.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(Buffer.from(await bobsCopy.Body!.transformToByteArray())).toEqual(bobBytes)

    const bulk = (body: string, headers: Record<string, string>) =>
      signedSend({
        method: 'POST',
        path: `/${bucket}`,
        query: { delete: '' },
        body: Buffer.from(body),
        headers,
      })
    const xml = `<Delete><Object><Key>${bobKey}</Key></Object></Delete>`
    const undigested = await bulk(xml, {})
    expect([undigested.status, undigested.code]).toEqual([400, 'InvalidRequest'])
    const md5 = (text: string) => createHash('md5').update(text).digest('base64')
    for (const broken of [
      '<Delete><Object></Object></Delete>',
      '<Delete/>',
      'junk',
      '<Delete><Object><Key>&#x110000;</Key></Object></Delete>',
    ]) {
      const reply = await bulk(broken, { 'content-md5': md5(broken) })
      expect([broken, reply.status, reply.code]).toEqual([broken, 400, 'MalformedXML'])
    }
  })

  it('never lets an object sub-resource (?tagging, ?acl) fall through to PutObject or GetObject', async () => {
    const path = `/${bucket}/${encodeURIComponent(bobKey).replace(/%2F/g, '/')}`
    for (const [method, query] of [
      ['PUT', 'tagging'],
      ['PUT', 'acl'],
      ['GET', 'acl'],
      ['DELETE', 'tagging'],
      ['POST', 'restore'],
    ] as const) {
      const reply = await signedSend({
        method,
        path,
        query: { [query]: '' },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: Buffer.from('<Tagging/>') }),
      })
      expect([method, query, reply.status, reply.code]).toEqual([
        method,
        query,
        501,
        'NotImplemented',
      ])
    }
    const bobsCopy = await bob.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey }))
    expect(Buffer.from(await bobsCopy.Body!.transformToByteArray())).toEqual(bobBytes)
  })

  it('rejects a version id other than null: versioning is never on', async () => {
    const get = bob.s3.send(new GetObjectCommand({ Bucket: bucket, Key: bobKey, VersionId: 'abc' }))
    expect(await errorName(get)).toBe('InvalidArgument')
    const nullVersion = await bob.s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: bobKey, VersionId: 'null' }),
    )
    expect(nullVersion.ContentLength).toBe(bobBytes.length)
  })

  it('checks the signature over repeated headers joined with commas', async () => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'PUT',
      path: `/${bucket}/dup.txt`,
      headers: {
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'x-amz-meta-tag': 'a,b',
        'content-length': '2',
      },
      body: Buffer.from('hi'),
      credentials: admin(),
      service: 's3',
    })
    const repeated = await send(endpoint.aws.endpoint, {
      method: 'PUT',
      path: signed.path,
      headers: { ...signed.headers, 'x-amz-meta-tag': ['a', 'b'] },
      body: Buffer.from('hi'),
    })
    expect(repeated.status).toBe(200)
    const reordered = await send(endpoint.aws.endpoint, {
      method: 'PUT',
      path: signed.path,
      headers: { ...signed.headers, 'x-amz-meta-tag': ['b', 'a'] },
      body: Buffer.from('hi'),
    })
    expect([reordered.status, reordered.code]).toEqual([403, 'SignatureDoesNotMatch'])
  })

  it('refuses a Host other than the one signed, and a signature that leaves out host', async () => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      credentials: admin(),
      service: 's3',
    })
    const otherHost = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: signed.path,
      headers: { ...signed.headers, host: 'evil.example' },
    })
    expect([otherHost.status, otherHost.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const hostless = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      credentials: admin(),
      service: 's3',
      unsignableHeaders: new Set(['host']),
    })
    expect(hostless.headers.authorization).not.toContain('host;')
    const reply = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: hostless.path,
      headers: hostless.headers,
    })
    expect([reply.status, reply.code]).toEqual([400, 'AuthorizationHeaderMalformed'])
  })

  it('takes Date in place of X-Amz-Date, and refuses a request with neither', async () => {
    const path = `/${bucket}/dup.txt`
    const headers = signWithDateHeader({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path,
      credentials: admin(),
      date: new Date(),
    })
    const dated = await send(endpoint.aws.endpoint, { method: 'GET', path, headers })
    expect([dated.status, dated.body.toString()]).toEqual([200, 'hi'])
    const otherDate = { ...headers, date: new Date(Date.now() + 1000).toUTCString() }
    const moved = await send(endpoint.aws.endpoint, { method: 'GET', path, headers: otherDate })
    expect([moved.status, moved.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const undated: Record<string, string> = { ...headers }
    delete undated.date
    const reply = await send(endpoint.aws.endpoint, { method: 'GET', path, headers: undated })
    expect([reply.status, reply.code]).toEqual([403, 'AccessDenied'])
  })

  it('accepts upper-case header names and extra spaces in Authorization', async () => {
    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      credentials: admin(),
      service: 's3',
    })
    const shouting = Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toUpperCase(), value]),
    )
    shouting.AUTHORIZATION = signed.headers.authorization!.replace(/, /g, ' ,   ')
    const reply = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: signed.path,
      headers: shouting,
    })
    expect([reply.status, reply.body.toString()]).toEqual([200, 'hi'])
  })

  it('names a credential scope with the wrong region, service or date as AWS does', async () => {
    const scoped = async (scope: Partial<SignOptions>) =>
      signedSend({ method: 'GET', path: `/${bucket}/dup.txt`, ...scope })
    const region = await scoped({ region: 'eu-west-1' })
    expect([region.status, region.code]).toEqual([400, 'AuthorizationHeaderMalformed'])
    expect(region.body.toString()).toContain('<Region>us-east-1</Region>')
    const service = await scoped({ service: 'rekognition' })
    expect([service.status, service.code]).toEqual([400, 'AuthorizationHeaderMalformed'])
    expect(service.body.toString()).toMatch(/the service .{1,5}rekognition.{1,5} is wrong/)

    const signed = await signHeaders({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      credentials: admin(),
      service: 's3',
    })
    const yesterday = signed.headers.authorization!.replace(
      /\/(\d{8})\//,
      (_whole, day: string) => {
        const date = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T00:00:00Z`)
        return `/${new Date(date.getTime() - 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}/`
      },
    )
    const date = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: signed.path,
      headers: { ...signed.headers, authorization: yesterday },
    })
    expect([date.status, date.code]).toEqual([400, 'AuthorizationHeaderMalformed'])

    const body = Buffer.from(JSON.stringify({ Image: { Bytes: 'iVBORw0KGgo=' } }))
    for (const scope of [{ service: 's3' }, { region: 'eu-west-1', service: 'rekognition' }]) {
      const detect = await signedSend({
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'RekognitionService.DetectLabels',
          'content-length': String(body.length),
        },
        body,
        ...scope,
      })
      expect([scope, detect.status, detect.code]).toEqual([scope, 400, 'InvalidSignatureException'])
    }
  })

  it('refuses a presigned URL after it expires, with another method, or valid over a week', async () => {
    const presign = (options: Partial<SignOptions> & { expiresIn: number; signingDate?: Date }) =>
      presignPath({
        endpoint: endpoint.aws.endpoint,
        method: 'GET',
        path: `/${bucket}/dup.txt`,
        credentials: admin(),
        service: 's3',
        ...options,
      })
    const fresh = await presign({ expiresIn: 60 })
    expect((await send(endpoint.aws.endpoint, { method: 'GET', path: fresh })).status).toBe(200)
    const asPut = await send(endpoint.aws.endpoint, {
      method: 'PUT',
      path: fresh,
      body: Buffer.from('overwrite'),
      headers: { 'content-length': '9' },
    })
    expect([asPut.status, asPut.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const stale = await presign({ expiresIn: 60, signingDate: new Date(Date.now() - 120_000) })
    const expired = await send(endpoint.aws.endpoint, { method: 'GET', path: stale })
    expect([expired.status, expired.code]).toEqual([403, 'AccessDenied'])
    expect(expired.body.toString()).toContain('Request has expired')
    const tooLong = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: fresh.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'),
    })
    expect([tooLong.status, tooLong.code]).toEqual([400, 'AuthorizationQueryParametersError'])
    const wrongRegion = await presign({ expiresIn: 60, region: 'eu-west-1' })
    const regional = await send(endpoint.aws.endpoint, { method: 'GET', path: wrongRegion })
    expect([regional.status, regional.code]).toEqual([400, 'AuthorizationQueryParametersError'])
  })

  it('verifies SigV2 query-string URLs (aws s3 presign of CLI v1) and refuses header SigV2', async () => {
    const sigV2Path = (method: string, expires: number, path = `/${bucket}/dup.txt`) => {
      const signature = createHmac('sha1', admin().secretAccessKey)
        .update(`${method}\n\n\n${expires}\n${path}`)
        .digest('base64')
      const query = new URLSearchParams({
        AWSAccessKeyId: admin().accessKeyId,
        Expires: String(expires),
        Signature: signature,
      })
      return `${path}?${query.toString()}`
    }
    const inAMinute = Math.floor(Date.now() / 1000) + 60
    const good = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: sigV2Path('GET', inAMinute),
    })
    expect([good.status, good.body.toString()]).toEqual([200, 'hi'])
    const otherMethod = await send(endpoint.aws.endpoint, {
      method: 'DELETE',
      path: sigV2Path('GET', inAMinute),
    })
    expect([otherMethod.status, otherMethod.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const otherKey = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: sigV2Path('GET', inAMinute).replace('dup.txt', `${encodeURIComponent(bobKey)}`),
    })
    expect([otherKey.status, otherKey.code]).toEqual([403, 'SignatureDoesNotMatch'])
    const stale = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: sigV2Path('GET', inAMinute - 120),
    })
    expect([stale.status, stale.code]).toEqual([403, 'AccessDenied'])
    // A guest's SigV2 URL carries its session token, signed as an x-amz header, and reaches
    // only what the guest's policy allows.
    const guestV2 = (key: string) => {
      const token = alice.credentials.sessionToken!
      const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
      const signature = createHmac('sha1', alice.credentials.secretAccessKey)
        .update(`GET\n\n\n${inAMinute}\nx-amz-security-token:${token}\n${path}`)
        .digest('base64')
      const query = new URLSearchParams({
        AWSAccessKeyId: alice.credentials.accessKeyId,
        Expires: String(inAMinute),
        Signature: signature,
        'x-amz-security-token': token,
      })
      return send(endpoint.aws.endpoint, { method: 'GET', path: `${path}?${query.toString()}` })
    }
    const aliceKey = `u/${alice.identityId}/v2.txt`
    await alice.s3.send(new PutObjectCommand({ Bucket: bucket, Key: aliceKey, Body: 'v2 ok' }))
    const ownV2 = await guestV2(aliceKey)
    expect([ownV2.status, ownV2.body.toString()]).toEqual([200, 'v2 ok'])
    const bobsV2 = await guestV2(bobKey)
    expect([bobsV2.status, bobsV2.code]).toEqual([403, 'AccessDenied'])
    const headerV2 = await send(endpoint.aws.endpoint, {
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      headers: {
        authorization: `AWS ${admin().accessKeyId}:c2lnbmF0dXJl`,
        date: new Date().toUTCString(),
      },
    })
    expect([headerV2.status, headerV2.code]).toEqual([400, 'InvalidRequest'])
  })

  it('applies response-* overrides of a presigned download', async () => {
    const path = await presignPath({
      endpoint: endpoint.aws.endpoint,
      method: 'GET',
      path: `/${bucket}/dup.txt`,
      query: {
        'response-content-type': 'text/plain',
        'response-content-disposition': 'attachment',
      },
      credentials: admin(),
      service: 's3',
      expiresIn: 60,
    })
    const reply = await send(endpoint.aws.endpoint, { method: 'GET', path })
    expect([
      reply.status,
      reply.headers['content-type'],
      reply.headers['content-disposition'],
    ]).toEqual([200, 'text/plain', 'attachment'])
  })

  it("gives guest B's credentials to whoever names B's identity id, as Cognito does for guests", async () => {
    // Unauthenticated identities have no other proof than their id: AWS hands out their
    // credentials to any caller that knows it, so the id itself is the secret. Documented.
    const signed = await send(endpoint.aws.endpoint, {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetCredentialsForIdentity',
      },
      body: Buffer.from(JSON.stringify({ IdentityId: bob.identityId })),
    })
    const answer = JSON.parse(signed.body.toString()) as { IdentityId: string }
    expect([signed.status, answer.IdentityId]).toEqual([200, bob.identityId])
    const unknown = await send(endpoint.aws.endpoint, {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetCredentialsForIdentity',
      },
      // Change the id's last hex digit to a different one, so it is never Bob's own id.
      body: Buffer.from(
        JSON.stringify({
          IdentityId: `${bob.identityId.slice(0, -1)}${bob.identityId.endsWith('0') ? '1' : '0'}`,
        }),
      ),
    })
    expect(unknown.code).toBe('ResourceNotFoundException')
  })

  it('logs one line per request and never a secret', () => {
    const secrets = [
      endpoint.aws.adminCredentials.secretAccessKey,
      alice.credentials.secretAccessKey,
      alice.credentials.sessionToken ?? 'no token',
      bob.credentials.sessionToken ?? 'no token',
    ]
    expect(endpoint.logs.length).toBeGreaterThan(40)
    for (const line of endpoint.logs) {
      expect(line).toMatch(/^[A-Z]+ \S+ caller=\S+ \d{3} \d+ms$/)
      for (const secret of secrets) expect(line).not.toContain(secret)
    }
  })
})
