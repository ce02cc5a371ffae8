// S3, path style, for the one local bucket: PutObject, GetObject, HeadObject, DeleteObject,
// ListObjectsV2 (plus HeadBucket and ListBuckets, which the CLI reaches for).
import type { IncomingHttpHeaders } from 'node:http'
import { decodeAwsChunked } from './aws-chunked.ts'
import {
  checksumAlgorithms,
  checksumBase64,
  md5Base64,
  type ChecksumAlgorithm,
} from './checksums.ts'
import { AwsError, decodeUriPart } from './errors.ts'
import {
  malformedXml,
  maxPartNumber,
  parseCompleteBody,
  type MultipartUploads,
} from './multipart.ts'
import type { ObjectStore, StoredObject } from './object-store.ts'
import { sha256Hex } from './sha256.ts'
import { parseRawQuery, splitUrl } from './sigv4.ts'
import type { Caller } from './state.ts'

export interface S3Request {
  method: string
  rawUrl: string
  headers: IncomingHttpHeaders
  body: Buffer
  caller: Caller
}

export interface Reply {
  status: number
  headers: Record<string, string>
  body?: Buffer | string
}

export interface S3Deps {
  store: ObjectStore
  uploads: MultipartUploads
  bucket: string
  now(): Date
  /** Whether the caller may do `action` on `resource` (an S3 ARN) given the condition keys. */
  authorize(caller: Caller, action: string, resource: string, keys: Record<string, string>): boolean
}

interface S3Target {
  bucket: string
  key: string
  query: Record<string, string>
}

const xmlNamespace = 'http://s3.amazonaws.com/doc/2006-03-01/'
export const maxObjectBytes = 64 * 1024 * 1024
export const maxKeyBytes = 1024

/** Escapes markup and, as S3 does, writes control characters (CR, LF, NUL…) as references. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"\p{Cc}]/gu, (char) => `&#${char.charCodeAt(0)};`)
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

function parseTarget(rawUrl: string): S3Target {
  const { rawPath, rawQuery } = splitUrl(rawUrl)
  const slash = rawPath.indexOf('/', 1)
  const bucket = decodeUriPart(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash))
  const key = slash < 0 ? '' : decodeUriPart(rawPath.slice(slash + 1))
  const query: Record<string, string> = {}
  for (const [name, value] of Object.entries(parseRawQuery(rawQuery))) {
    query[name] = Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  }
  return { bucket, key, query }
}

/** The S3 operation a request asks for, named as AWS names it (for logs and routing). */
/** Object sub-resources this endpoint does not keep: asking for one must never fall through
 * to the plain object operation (a `PUT ?tagging` would otherwise overwrite the object). */
const unsupportedObjectSubresources = [
  'acl',
  'attributes',
  'legal-hold',
  'retention',
  'restore',
  'select',
  'torrent',
  'tagging',
]

/** Query names that say nothing about the operation: presigning and the SDK's `x-id`. */
function operationQueryNames(query: Record<string, string>): string[] {
  return Object.keys(query).filter((name) => !/^X-Amz-/i.test(name) && name !== 'x-id')
}

export function s3OperationName(method: string, rawUrl: string): string {
  const { bucket, key, query } = parseTarget(rawUrl)
  if (method === 'OPTIONS') return 'Preflight'
  if (bucket === '') return method === 'GET' ? 'ListBuckets' : 'Unsupported'
  if (key === '') {
    if (method === 'GET' && query['list-type'] === '2') return 'ListObjectsV2'
    if (method === 'GET' && 'location' in query) return 'GetBucketLocation'
    const v1Parameters = ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type']
    const names = operationQueryNames(query)
    if (method === 'GET' && names.every((name) => v1Parameters.includes(name))) {
      return 'ListObjects'
    }
    if (method === 'HEAD') return 'HeadBucket'
    if (method === 'POST' && 'delete' in query) return 'DeleteObjects'
    return 'Unsupported'
  }
  if ('tagging' in query && method === 'GET') return 'GetObjectTagging'
  if (unsupportedObjectSubresources.some((name) => name in query)) return 'Unsupported'
  if ('uploads' in query) return method === 'POST' ? 'CreateMultipartUpload' : 'Unsupported'
  if ('uploadId' in query) {
    if (method === 'PUT') return 'UploadPart'
    if (method === 'POST') return 'CompleteMultipartUpload'
    if (method === 'DELETE') return 'AbortMultipartUpload'
    if (method === 'GET') return 'ListParts'
    return 'Unsupported'
  }
  if (method === 'PUT') return 'PutObject'
  if (method === 'GET') return 'GetObject'
  if (method === 'HEAD') return 'HeadObject'
  if (method === 'DELETE') return 'DeleteObject'
  return 'Unsupported'
}

function notImplemented(): AwsError {
  return new AwsError(
    'NotImplemented',
    501,
    'A header or operation you provided implies functionality that is not implemented locally.',
  )
}

/** Checks the body against `x-amz-content-sha256` and removes aws-chunked framing. */
function payloadOf(request: S3Request): { body: Buffer; trailers: Record<string, string> } {
  const declared = header(request.headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD'
  if (declared === 'UNSIGNED-PAYLOAD') return { body: request.body, trailers: {} }
  if (declared === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
    const decoded = decodeAwsChunked(request.body)
    const decodedLength = header(request.headers, 'x-amz-decoded-content-length')
    if (decodedLength !== undefined && Number(decodedLength) !== decoded.data.length) {
      throw new AwsError(
        'IncompleteBody',
        400,
        'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.',
      )
    }
    return { body: decoded.data, trailers: decoded.trailers }
  }
  if (declared.startsWith('STREAMING-')) throw notImplemented()
  if (!/^[0-9a-f]{64}$/.test(declared) || declared !== sha256Hex(request.body)) {
    throw new AwsError(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    )
  }
  return { body: request.body, trailers: {} }
}

const checksumBytes: Record<ChecksumAlgorithm, number> = {
  crc32: 4,
  crc32c: 4,
  sha1: 20,
  sha256: 32,
}

function isChecksumShaped(algorithm: ChecksumAlgorithm, value: string): boolean {
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
    Buffer.from(value, 'base64').length === checksumBytes[algorithm]
  )
}

function verifyDigests(request: S3Request, body: Buffer, trailers: Record<string, string>): string {
  const contentMd5 = header(request.headers, 'content-md5')
  if (contentMd5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) {
      throw new AwsError('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.')
    }
    if (contentMd5 !== md5Base64(body)) {
      throw new AwsError(
        'BadDigest',
        400,
        'The Content-MD5 you specified did not match what we received.',
      )
    }
  }
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm}`
    const given = trailers[name] ?? header(request.headers, name)
    if (given !== undefined && !isChecksumShaped(algorithm, given)) {
      throw new AwsError('InvalidRequest', 400, `Value for ${name} header is invalid.`)
    }
    if (given !== undefined && given !== checksumBase64(algorithm, body)) {
      throw new AwsError(
        'BadDigest',
        400,
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      )
    }
  }
  return checksumBase64('crc32', body)
}

/** The checksums a client sent (headers or trailers), echoed back as S3 does once verified. */
function givenChecksums(
  request: S3Request,
  trailers: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm}`
    const given = trailers[name] ?? header(request.headers, name)
    if (given !== undefined) headers[name] = given
  }
  return headers
}

function metadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) {
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value
    }
  }
  return metadata
}

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

function noSuchKey(key: string): AwsError {
  return new AwsError('NoSuchKey', 404, 'The specified key does not exist.', { Key: key })
}

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

export class S3Service {
  constructor(private readonly deps: S3Deps) {}

  async handle(request: S3Request): Promise<Reply> {
    const operation = s3OperationName(request.method, request.rawUrl)
    const target = parseTarget(request.rawUrl)
    const { body, trailers } = payloadOf(request)
    if (operation === 'ListBuckets') return this.listBuckets(request.caller)
    if (operation === 'Unsupported') throw notImplemented()
    if (target.bucket !== this.deps.bucket) {
      throw new AwsError('NoSuchBucket', 404, 'The specified bucket does not exist', {
        BucketName: target.bucket,
      })
    }
    if (Buffer.byteLength(target.key) > maxKeyBytes) {
      throw new AwsError('KeyTooLongError', 400, 'Your key is too long', {
        Size: String(Buffer.byteLength(target.key)),
        MaxSizeAllowed: String(maxKeyBytes),
      })
    }
    const versionId = target.query.versionId
    if (versionId !== undefined && versionId !== 'null') {
      // Versioning is never enabled here: only the `null` version exists.
      throw new AwsError('InvalidArgument', 400, 'Invalid version id specified', {
        ArgumentName: 'versionId',
        ArgumentValue: versionId,
      })
    }
    const bucketArn = `arn:aws:s3:::${target.bucket}`
    const objectArn = `${bucketArn}/${target.key}`
    switch (operation) {
      case 'DeleteObjects':
        return this.deleteObjects(request, body, trailers)
      case 'HeadBucket':
        this.require(request.caller, 's3:ListBucket', bucketArn, {})
        return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' } }
      case 'GetBucketLocation':
        this.require(request.caller, 's3:GetBucketLocation', bucketArn, {})
        return {
          status: 200,
          headers: { 'Content-Type': 'application/xml' },
          // us-east-1 is written as an empty constraint.
          body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${xmlNamespace}"/>`,
        }
      case 'ListObjects':
      case 'ListObjectsV2':
        this.require(request.caller, 's3:ListBucket', bucketArn, {
          ...(target.query.prefix !== undefined ? { 's3:prefix': target.query.prefix } : {}),
          ...(target.query.delimiter !== undefined
            ? { 's3:delimiter': target.query.delimiter }
            : {}),
        })
        return this.listObjects(target, operation === 'ListObjects' ? 1 : 2)
      case 'PutObject':
        this.require(request.caller, 's3:PutObject', objectArn, {})
        if (header(request.headers, 'x-amz-copy-source') !== undefined) {
          return this.copyObject(request, target)
        }
        return this.putObject(request, target.key, body, trailers)
      case 'GetObject':
      case 'HeadObject':
        this.require(request.caller, 's3:GetObject', objectArn, {})
        return this.getObject(request, target, operation === 'HeadObject')
      case 'DeleteObject':
        this.require(request.caller, 's3:DeleteObject', objectArn, {})
        await this.deps.store.withKeyLock(target.key, () => this.deps.store.delete(target.key))
        return { status: 204, headers: {} }
      case 'GetObjectTagging': {
        // Tags are never stored here: every object has an empty tag set.
        this.require(request.caller, 's3:GetObjectTagging', objectArn, {})
        if (!this.deps.store.get(target.key)) throw noSuchKey(target.key)
        const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="${xmlNamespace}"><TagSet/></Tagging>`
        return { status: 200, headers: { 'Content-Type': 'application/xml' }, body }
      }
      case 'CreateMultipartUpload':
      case 'UploadPart':
      case 'CompleteMultipartUpload':
        // S3 authorises every step of a multipart upload as s3:PutObject.
        this.require(request.caller, 's3:PutObject', objectArn, {})
        if (header(request.headers, 'x-amz-copy-source') !== undefined) {
          if (operation !== 'UploadPart') throw notImplemented()
          return this.uploadPartCopy(request, target)
        }
        if (operation === 'CreateMultipartUpload')
          return this.createMultipartUpload(request, target)
        if (operation === 'UploadPart') return this.uploadPart(request, target, body, trailers)
        return this.completeMultipartUpload(target, body)
      case 'AbortMultipartUpload':
        this.require(request.caller, 's3:AbortMultipartUpload', objectArn, {})
        await this.deps.uploads.remove(target.query.uploadId ?? '', target.key)
        return { status: 204, headers: {} }
      case 'ListParts':
        this.require(request.caller, 's3:ListMultipartUploadParts', objectArn, {})
        return this.listParts(target)
      default:
        throw notImplemented()
    }
  }

  private require(
    caller: Caller,
    action: string,
    resource: string,
    keys: Record<string, string>,
  ): void {
    if (!this.deps.authorize(caller, action, resource, keys)) {
      throw new AwsError('AccessDenied', 403, 'Access Denied')
    }
  }

  /** DeleteObjects: each key is authorised and answered on its own, as S3 does. */
  private async deleteObjects(
    request: S3Request,
    body: Buffer,
    trailers: Record<string, string>,
  ): Promise<Reply> {
    const hasDigest =
      header(request.headers, 'content-md5') !== undefined ||
      checksumAlgorithms.some(
        (algorithm) =>
          header(request.headers, `x-amz-checksum-${algorithm}`) !== undefined ||
          trailers[`x-amz-checksum-${algorithm}`] !== undefined,
      )
    if (!hasDigest) {
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
      const arn = `arn:aws:s3:::${this.deps.bucket}/${key}`
      if (!this.deps.authorize(request.caller, 's3:DeleteObject', arn, {})) {
        results.push(
          `<Error><Key>${xmlEscape(key)}</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`,
        )
        continue
      }
      await this.deps.store.withKeyLock(key, () => this.deps.store.delete(key))
      if (!quiet) results.push(`<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`)
    }
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="${xmlNamespace}">` +
      `${results.join('')}</DeleteResult>`
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: xml }
  }

  /** The object named by `x-amz-copy-source`, read with the caller's own permissions. */
  private copySource(request: S3Request): StoredObject {
    const raw = header(request.headers, 'x-amz-copy-source') ?? ''
    const { rawPath, rawQuery } = splitUrl(raw)
    const path = decodeUriPart(rawPath).replace(/^\//, '')
    const slash = path.indexOf('/')
    if (slash <= 0 || slash === path.length - 1) {
      throw new AwsError(
        'InvalidArgument',
        400,
        'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
        { ArgumentName: 'x-amz-copy-source', ArgumentValue: raw },
      )
    }
    const bucket = path.slice(0, slash)
    const key = path.slice(slash + 1)
    const versionId = parseRawQuery(rawQuery).versionId
    if (versionId !== undefined && versionId !== 'null') {
      throw new AwsError('InvalidArgument', 400, 'Invalid version id specified', {
        ArgumentName: 'versionId',
        ArgumentValue: String(versionId),
      })
    }
    if (bucket !== this.deps.bucket) {
      throw new AwsError('NoSuchBucket', 404, 'The specified bucket does not exist', {
        BucketName: bucket,
      })
    }
    this.require(request.caller, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`, {})
    const record = this.deps.store.get(key)
    if (!record) throw noSuchKey(key)
    return record
  }

  private async copyObject(request: S3Request, target: S3Target): Promise<Reply> {
    const source = this.copySource(request)
    const directive = header(request.headers, 'x-amz-metadata-directive') ?? 'COPY'
    if (directive !== 'COPY' && directive !== 'REPLACE') {
      throw new AwsError('InvalidArgument', 400, 'Unknown metadata directive.', {
        ArgumentName: 'x-amz-metadata-directive',
        ArgumentValue: directive,
      })
    }
    if (source.key === target.key && directive === 'COPY') {
      throw new AwsError(
        'InvalidRequest',
        400,
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      )
    }
    const data = await this.deps.store.read(source)
    const store = this.deps.store
    const record = await store.withKeyLock(target.key, () =>
      store.put(target.key, data, {
        contentType:
          directive === 'COPY'
            ? source.contentType
            : (header(request.headers, 'content-type') ?? 'binary/octet-stream'),
        metadata: directive === 'COPY' ? source.metadata : metadataOf(request.headers),
        crc32: source.crc32,
        now: this.deps.now(),
      }),
    )
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult xmlns="${xmlNamespace}">` +
      `<LastModified>${record.lastModified}</LastModified><ETag>${xmlEscape(record.etag)}</ETag>` +
      `</CopyObjectResult>`
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body }
  }

  /** UploadPartCopy, which `aws s3 mv` and `cp` between keys use for objects over 8 MB. */
  private async uploadPartCopy(request: S3Request, target: S3Target): Promise<Reply> {
    const source = this.copySource(request)
    const partNumber = this.partNumber(target)
    const range = header(request.headers, 'x-amz-copy-source-range')
    let data = await this.deps.store.read(source)
    if (range !== undefined) {
      const match = /^bytes=(\d+)-(\d+)$/.exec(range.trim())
      const start = Number(match?.[1])
      const end = Number(match?.[2])
      if (!match || end < start || end >= source.size) {
        throw new AwsError(
          'InvalidArgument',
          400,
          `Range specified is not valid for source object of size: ${source.size}`,
          { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: range },
        )
      }
      data = data.subarray(start, end + 1)
    }
    const etag = await this.deps.uploads.putPart(
      target.query.uploadId ?? '',
      target.key,
      partNumber,
      data,
      maxObjectBytes,
    )
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult xmlns="${xmlNamespace}">` +
      `<LastModified>${this.deps.now().toISOString()}</LastModified><ETag>${xmlEscape(etag)}</ETag>` +
      `</CopyPartResult>`
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body }
  }

  private partNumber(target: S3Target): number {
    const partNumber = Number(target.query.partNumber)
    if (
      !/^\d+$/.test(target.query.partNumber ?? '') ||
      partNumber < 1 ||
      partNumber > maxPartNumber
    ) {
      throw new AwsError(
        'InvalidArgument',
        400,
        `Part number must be an integer between 1 and ${maxPartNumber}, inclusive`,
        { ArgumentName: 'partNumber', ArgumentValue: target.query.partNumber ?? '' },
      )
    }
    return partNumber
  }

  private async createMultipartUpload(request: S3Request, target: S3Target): Promise<Reply> {
    const checksumAlgorithm = header(request.headers, 'x-amz-checksum-algorithm')?.toUpperCase()
    const uploadId = await this.deps.uploads.create({
      key: target.key,
      contentType: header(request.headers, 'content-type') ?? 'binary/octet-stream',
      metadata: metadataOf(request.headers),
      ...(checksumAlgorithm ? { checksumAlgorithm } : {}),
    })
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="${xmlNamespace}">` +
      `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
      `<UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/xml',
        ...(checksumAlgorithm ? { 'x-amz-checksum-algorithm': checksumAlgorithm } : {}),
      },
      body,
    }
  }

  private async uploadPart(
    request: S3Request,
    target: S3Target,
    body: Buffer,
    trailers: Record<string, string>,
  ): Promise<Reply> {
    const partNumber = this.partNumber(target)
    verifyDigests(request, body, trailers)
    const etag = await this.deps.uploads.putPart(
      target.query.uploadId ?? '',
      target.key,
      partNumber,
      body,
      maxObjectBytes,
    )
    return { status: 200, headers: { ETag: etag, ...givenChecksums(request, trailers) } }
  }

  private async completeMultipartUpload(target: S3Target, body: Buffer): Promise<Reply> {
    const uploadId = target.query.uploadId ?? ''
    const parts = parseCompleteBody(body.toString('utf8'))
    const store = this.deps.store
    const record = await store.withKeyLock(target.key, async () => {
      const joined = await this.deps.uploads.join(uploadId, target.key, parts, maxObjectBytes)
      const stored = await store.put(target.key, joined.body, {
        contentType: joined.details.contentType,
        metadata: joined.details.metadata,
        crc32: checksumBase64('crc32', joined.body),
        now: this.deps.now(),
        etag: joined.etag,
      })
      await this.deps.uploads.remove(uploadId, target.key)
      return stored
    })
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult xmlns="${xmlNamespace}">` +
      `<Location>/${xmlEscape(target.bucket)}/${xmlEscape(target.key)}</Location>` +
      `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
      `<ETag>${xmlEscape(record.etag)}</ETag></CompleteMultipartUploadResult>`
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: xml }
  }

  private async listParts(target: S3Target): Promise<Reply> {
    const uploadId = target.query.uploadId ?? ''
    const parts = await this.deps.uploads.listParts(uploadId, target.key)
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="${xmlNamespace}">` +
      `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
      `<UploadId>${uploadId}</UploadId><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>` +
      parts
        .map(
          (part) =>
            `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${xmlEscape(part.etag)}</ETag>` +
            `<Size>${part.size}</Size></Part>`,
        )
        .join('') +
      '</ListPartsResult>'
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: xml }
  }

  private listBuckets(caller: Caller): Reply {
    this.require(caller, 's3:ListAllMyBuckets', '*', {})
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="${xmlNamespace}">` +
      `<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets><Bucket>` +
      `<Name>${xmlEscape(this.deps.bucket)}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate>` +
      `</Bucket></Buckets></ListAllMyBucketsResult>`
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body }
  }

  private async putObject(
    request: S3Request,
    key: string,
    body: Buffer,
    trailers: Record<string, string>,
  ): Promise<Reply> {
    if (body.length > maxObjectBytes) {
      throw new AwsError(
        'EntityTooLarge',
        400,
        'Your proposed upload exceeds the maximum allowed size',
      )
    }
    const crc32 = verifyDigests(request, body, trailers)
    const metadata = metadataOf(request.headers)
    const ifMatch = header(request.headers, 'if-match')
    const ifNoneMatch = header(request.headers, 'if-none-match')
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
      throw new AwsError('NotImplemented', 501, 'If-None-Match only supports *')
    }
    const store = this.deps.store
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
        now: this.deps.now(),
      })
    })
    const headers: Record<string, string> = { ETag: record.etag }
    if (Object.keys(trailers).some((name) => name.startsWith('x-amz-checksum-'))) {
      headers['x-amz-checksum-crc32'] = record.crc32
    }
    return { status: 200, headers: { ...headers, ...givenChecksums(request, trailers) } }
  }

  private async getObject(request: S3Request, target: S3Target, headOnly: boolean): Promise<Reply> {
    const record = this.deps.store.get(target.key)
    if (!record) {
      // S3 answers 404 only to callers who may list where the key would be; others get 403.
      const bucketArn = `arn:aws:s3:::${target.bucket}`
      const mayList = this.deps.authorize(request.caller, 's3:ListBucket', bucketArn, {
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
    for (const [name, header] of responseOverrides) {
      const value = target.query[name]
      if (value !== undefined) headers[header] = value
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
    const data = await this.deps.store.read(record)
    if (!span) return { status: 200, headers, body: data }
    headers['Content-Range'] = `bytes ${span.start}-${span.end}/${record.size}`
    return { status: 206, headers, body: data.subarray(span.start, span.end + 1) }
  }

  /** ListObjectsV2, or the original ListObjects (markers instead of tokens) that boto3's
   * resource API still uses. */
  private listObjects(target: S3Target, version: 1 | 2): Reply {
    const query = target.query
    const prefix = query.prefix ?? ''
    const delimiter = query.delimiter ?? ''
    const maxKeys = query['max-keys'] === undefined ? 1000 : Number(query['max-keys'])
    if (!Number.isInteger(maxKeys) || maxKeys < 0) {
      throw new AwsError(
        'InvalidArgument',
        400,
        'Provided max-keys not an integer or within integer range',
      )
    }
    const limit = Math.min(maxKeys, 1000)
    const urlEncoded = query['encoding-type'] === 'url'
    if (query['encoding-type'] !== undefined && !urlEncoded) {
      throw new AwsError('InvalidArgument', 400, 'Invalid Encoding Method specified in Request')
    }
    let after = (version === 1 ? query.marker : query['start-after']) ?? ''
    if (version === 2 && query['continuation-token'] !== undefined) {
      after = Buffer.from(query['continuation-token'], 'base64url').toString('utf8')
      if (!after) {
        throw new AwsError('InvalidArgument', 400, 'The continuation token provided is incorrect')
      }
    }
    const contents: StoredObject[] = []
    const commonPrefixes: string[] = []
    let truncated = false
    let lastReturned = ''
    for (const key of this.deps.store.sortedKeys()) {
      if (!key.startsWith(prefix) || key <= after) continue
      // A continuation that ended on a common prefix skips every key under it.
      if (after.endsWith(delimiter) && delimiter && key.startsWith(after)) continue
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1
      const entry = cut < 0 ? key : key.slice(0, cut + delimiter.length)
      if (cut >= 0 && commonPrefixes.at(-1) === entry) continue
      if (contents.length + commonPrefixes.length >= limit) {
        truncated = true
        break
      }
      if (cut >= 0) commonPrefixes.push(entry)
      else contents.push(this.deps.store.get(key)!)
      lastReturned = entry
    }
    const encode = (text: string): string =>
      xmlEscape(urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text)
    const position =
      version === 1
        ? [
            `<Marker>${encode(query.marker ?? '')}</Marker>`,
            `<MaxKeys>${maxKeys}</MaxKeys>`,
            delimiter ? `<Delimiter>${encode(delimiter)}</Delimiter>` : '',
            `<IsTruncated>${truncated}</IsTruncated>`,
            truncated ? `<NextMarker>${encode(lastReturned)}</NextMarker>` : '',
          ]
        : this.continuation(query, { contents, commonPrefixes, truncated, lastReturned }, encode)
    const parts = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${xmlNamespace}">`,
      `<Name>${xmlEscape(target.bucket)}</Name>`,
      `<Prefix>${encode(prefix)}</Prefix>`,
      ...position,
      urlEncoded ? '<EncodingType>url</EncodingType>' : '',
      ...contents.map(
        (record) =>
          `<Contents><Key>${encode(record.key)}</Key><LastModified>${record.lastModified}</LastModified>` +
          `<ETag>${xmlEscape(record.etag)}</ETag><Size>${record.size}</Size>` +
          `<StorageClass>STANDARD</StorageClass></Contents>`,
      ),
      ...commonPrefixes.map(
        (entry) => `<CommonPrefixes><Prefix>${encode(entry)}</Prefix></CommonPrefixes>`,
      ),
      '</ListBucketResult>',
    ]
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: parts.join('') }
  }

  private continuation(
    query: Record<string, string>,
    page: {
      contents: StoredObject[]
      commonPrefixes: string[]
      truncated: boolean
      lastReturned: string
    },
    encode: (text: string) => string,
  ): string[] {
    const maxKeys = query['max-keys'] === undefined ? 1000 : Number(query['max-keys'])
    const { contents, commonPrefixes, truncated, lastReturned } = page
    return [
      `<KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
      `<MaxKeys>${maxKeys}</MaxKeys>`,
      query.delimiter ? `<Delimiter>${encode(query.delimiter)}</Delimiter>` : '',
      `<IsTruncated>${truncated}</IsTruncated>`,
      query['continuation-token'] !== undefined
        ? `<ContinuationToken>${xmlEscape(query['continuation-token'])}</ContinuationToken>`
        : '',
      truncated
        ? `<NextContinuationToken>${Buffer.from(lastReturned).toString('base64url')}</NextContinuationToken>`
        : '',
      query['start-after'] !== undefined
        ? `<StartAfter>${encode(query['start-after'])}</StartAfter>`
        : '',
    ]
  }
}

function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity.startsWith('#x')
        ? Number.parseInt(entity.slice(2), 16)
        : Number(entity.slice(1))
      if (!(code <= 0x10ffff)) throw malformedXml()
      return String.fromCodePoint(code)
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? ''
  })
}

/** The keys of a DeleteObjects body (at most 1000); anything else is MalformedXML. */
function parseDeleteBody(xml: string): { keys: string[]; quiet: boolean } {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<Delete(?:\s[^>]*)?>([\s\S]*)<\/Delete>\s*$/.exec(xml)
  if (!root) throw malformedXml()
  const keys: string[] = []
  for (const match of root[1]!.matchAll(/<Object>([\s\S]*?)<\/Object>/g)) {
    const key = /<Key>([^<]*)<\/Key>/.exec(match[1]!)
    if (!key) throw malformedXml()
    keys.push(xmlText(key[1]!))
  }
  if (keys.length === 0 || keys.length > 1000) throw malformedXml()
  return { keys, quiet: /<Quiet>\s*true\s*<\/Quiet>/.test(root[1]!) }
}

export function s3ErrorBody(error: AwsError, requestId: string): string {
  const extra = Object.entries(error.extra)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join('')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code>` +
    `<Message>${xmlEscape(error.message)}</Message>${extra}<RequestId>${requestId}</RequestId>` +
    `<HostId>${requestId}</HostId></Error>`
  )
}
