// Single objects: PutObject (conditional writes), GetObject and HeadObject (ranges, conditional
// reads, `response-*` overrides), DeleteObject, DeleteObjects and GetObjectTagging.
import { AwsError } from '../errors.ts'
import type { StoredObject } from '../object-store.ts'
import {
  entityTooLarge,
  header,
  maxObjectBytes,
  metadataOf,
  noSuchKey,
  type Reply,
  type S3Call,
} from './context.ts'
import { givenChecksums, hasDigest, verifyDigests } from './payload.ts'
import { parseDeleteBody, xmlDocument, xmlEscape, xmlReply } from './xml.ts'

function objectHeaders(record: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    ETag: record.etag,
    'Content-Type': record.contentType,
    'Last-Modified': new Date(record.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
  }
  for (const [name, value] of Object.entries(record.metadata)) headers[`x-amz-meta-${name}`] = value
  return headers
}

const responseOverrides = [
  ['response-content-type', 'Content-Type'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
  ['response-content-language', 'Content-Language'],
  ['response-cache-control', 'Cache-Control'],
  ['response-expires', 'Expires'],
] as const

function preconditionFailed(condition: string): AwsError {
  return new AwsError(
    'PreconditionFailed',
    412,
    'At least one of the pre-conditions you specified did not hold',
    { Condition: condition },
  )
}

function parseRange(range: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (start >= size || end < start) {
    throw new AwsError('InvalidRange', 416, 'The requested range is not satisfiable', {
      RangeRequested: range,
      ActualObjectSize: String(size),
    })
  }
  return { start, end }
}

export async function putObject({ deps, request, target, body, trailers }: S3Call): Promise<Reply> {
  if (body.length > maxObjectBytes) throw entityTooLarge()
  const key = target.key
  const crc32 = verifyDigests(request, body, trailers)
  const metadata = metadataOf(request.headers)
  const ifMatch = header(request.headers, 'if-match')
  const ifNoneMatch = header(request.headers, 'if-none-match')
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
    throw new AwsError('NotImplemented', 501, 'If-None-Match only supports *')
  }
  const store = deps.store
  const record = await store.withKeyLock(key, async () => {
    const existing = store.get(key)
    if (ifNoneMatch === '*' && existing) throw preconditionFailed('If-None-Match')
    if (ifMatch !== undefined) {
      if (!existing) throw noSuchKey(key)
      if (ifMatch !== existing.etag && ifMatch !== existing.etag.replace(/"/g, '')) {
        throw preconditionFailed('If-Match')
      }
    }
    return store.put(key, body, {
      contentType: header(request.headers, 'content-type') ?? 'binary/octet-stream',
      metadata,
      crc32,
      now: deps.now(),
    })
  })
  const headers: Record<string, string> = { ETag: record.etag }
  if (Object.keys(trailers).some((name) => name.startsWith('x-amz-checksum-'))) {
    headers['x-amz-checksum-crc32'] = record.crc32
  }
  return { status: 200, headers: { ...headers, ...givenChecksums(request, trailers) } }
}

/** GetObject, or HeadObject when `headOnly`. */
export async function getObject(
  { deps, request, target }: S3Call,
  headOnly: boolean,
): Promise<Reply> {
  const record = deps.store.get(target.key)
  if (!record) {
    // S3 answers 404 only to callers who may list where the key would be; others get 403.
    const bucketArn = `arn:aws:s3:::${target.bucket}`
    const mayList = deps.authorize(request.caller, 's3:ListBucket', bucketArn, {
      's3:prefix': target.key,
    })
    throw mayList ? noSuchKey(target.key) : new AwsError('AccessDenied', 403, 'Access Denied')
  }
  const ifMatch = header(request.headers, 'if-match')
  if (ifMatch !== undefined && ifMatch !== record.etag && ifMatch !== '*') {
    throw preconditionFailed('If-Match')
  }
  const ifNoneMatch = header(request.headers, 'if-none-match')
  if (ifNoneMatch !== undefined && (ifNoneMatch === record.etag || ifNoneMatch === '*')) {
    return { status: 304, headers: { ETag: record.etag } }
  }
  const headers = objectHeaders(record)
  // `response-*` query parameters (presigned downloads use them) override the stored headers.
  for (const [name, overridden] of responseOverrides) {
    const value = target.query[name]
    if (value !== undefined) headers[overridden] = value
  }
  const range = header(request.headers, 'range')
  const span = range === undefined ? undefined : parseRange(range, record.size)
  if (!span && header(request.headers, 'x-amz-checksum-mode') === 'ENABLED') {
    headers['x-amz-checksum-crc32'] = record.crc32
  }
  if (headOnly) {
    headers['Content-Length'] = String(record.size)
    return { status: 200, headers }
  }
  const data = await deps.store.read(record)
  if (!span) return { status: 200, headers, body: data }
  headers['Content-Range'] = `bytes ${span.start}-${span.end}/${record.size}`
  return { status: 206, headers, body: data.subarray(span.start, span.end + 1) }
}

export async function deleteObject({ deps, target }: S3Call): Promise<Reply> {
  await deps.store.withKeyLock(target.key, () => deps.store.delete(target.key))
  return { status: 204, headers: {} }
}

/** Tags are never stored here: every object has an empty tag set. */
export function getObjectTagging({ deps, target }: S3Call): Reply {
  if (!deps.store.get(target.key)) throw noSuchKey(target.key)
  return xmlReply(xmlDocument('Tagging', '<TagSet/>'))
}

/** DeleteObjects: each key is authorised and answered on its own, as S3 does. */
export async function deleteObjects({ deps, request, body, trailers }: S3Call): Promise<Reply> {
  if (!hasDigest(request, trailers)) {
    throw new AwsError(
      'InvalidRequest',
      400,
      'Missing required header for this request: Content-MD5',
    )
  }
  verifyDigests(request, body, trailers)
  const { keys, quiet } = parseDeleteBody(body.toString('utf8'))
  const results: string[] = []
  for (const key of keys) {
    const arn = `arn:aws:s3:::${deps.bucket}/${key}`
    if (!deps.authorize(request.caller, 's3:DeleteObject', arn, {})) {
      results.push(
        `<Error><Key>${xmlEscape(key)}</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`,
      )
      continue
    }
    await deps.store.withKeyLock(key, () => deps.store.delete(key))
    if (!quiet) results.push(`<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`)
  }
  return xmlReply(xmlDocument('DeleteResult', results.join('')))
}
