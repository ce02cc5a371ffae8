// S3, path style, for the one local bucket: names the operation a request asks for, checks the
// bucket, key and version every operation shares, authorises the caller for the operation's IAM
// action, and hands the call to the module that does that job.
import { AwsError, decodeUriPart } from '../errors.ts'
import { parseRawQuery, splitUrl } from '../url.ts'
import {
  header,
  maxKeyBytes,
  notImplemented,
  requireAllowed,
  type Reply,
  type S3Call,
  type S3Deps,
  type S3Request,
  type S3Target,
} from './context.ts'
import { copyObject, uploadPartCopy } from './copy.ts'
import { getBucketLocation, listBuckets, listObjects } from './listing.ts'
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './multipart.ts'
import { deleteObject, deleteObjects, getObject, getObjectTagging, putObject } from './objects.ts'
import { payloadOf } from './payload.ts'

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

/** The S3 operation a request asks for, named as AWS names it (for logs and routing). */
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

/** The checks every operation on the bucket shares: the bucket exists, the key fits, and only
 * the `null` version is asked for (versioning is never enabled here). */
function checkTarget(deps: S3Deps, target: S3Target): void {
  if (target.bucket !== deps.bucket) {
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
    throw new AwsError('InvalidArgument', 400, 'Invalid version id specified', {
      ArgumentName: 'versionId',
      ArgumentValue: versionId,
    })
  }
}

export class S3Service {
  constructor(private readonly deps: S3Deps) {}

  async handle(request: S3Request): Promise<Reply> {
    const deps = this.deps
    const operation = s3OperationName(request.method, request.rawUrl)
    const target = parseTarget(request.rawUrl)
    const { body, trailers } = payloadOf(request)
    const caller = request.caller
    if (operation === 'ListBuckets') {
      requireAllowed(deps, caller, 's3:ListAllMyBuckets', '*', {})
      return listBuckets(deps)
    }
    if (operation === 'Unsupported') throw notImplemented()
    checkTarget(deps, target)
    const call: S3Call = { deps, request, target, body, trailers }
    const bucketArn = `arn:aws:s3:::${target.bucket}`
    const objectArn = `${bucketArn}/${target.key}`
    const copying = header(request.headers, 'x-amz-copy-source') !== undefined
    switch (operation) {
      case 'DeleteObjects':
        return deleteObjects(call)
      case 'HeadBucket':
        requireAllowed(deps, caller, 's3:ListBucket', bucketArn, {})
        return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' } }
      case 'GetBucketLocation':
        requireAllowed(deps, caller, 's3:GetBucketLocation', bucketArn, {})
        return getBucketLocation()
      case 'ListObjects':
      case 'ListObjectsV2':
        requireAllowed(deps, caller, 's3:ListBucket', bucketArn, {
          ...(target.query.prefix !== undefined ? { 's3:prefix': target.query.prefix } : {}),
          ...(target.query.delimiter !== undefined
            ? { 's3:delimiter': target.query.delimiter }
            : {}),
        })
        return listObjects(call, operation === 'ListObjects' ? 1 : 2)
      case 'PutObject':
        requireAllowed(deps, caller, 's3:PutObject', objectArn, {})
        return copying ? copyObject(call) : putObject(call)
      case 'GetObject':
      case 'HeadObject':
        requireAllowed(deps, caller, 's3:GetObject', objectArn, {})
        return getObject(call, operation === 'HeadObject')
      case 'DeleteObject':
        requireAllowed(deps, caller, 's3:DeleteObject', objectArn, {})
        return deleteObject(call)
      case 'GetObjectTagging':
        requireAllowed(deps, caller, 's3:GetObjectTagging', objectArn, {})
        return getObjectTagging(call)
      case 'CreateMultipartUpload':
      case 'UploadPart':
      case 'CompleteMultipartUpload':
        // S3 authorises every step of a multipart upload as s3:PutObject.
        requireAllowed(deps, caller, 's3:PutObject', objectArn, {})
        if (copying) {
          if (operation !== 'UploadPart') throw notImplemented()
          return uploadPartCopy(call)
        }
        if (operation === 'CreateMultipartUpload') return createMultipartUpload(call)
        if (operation === 'UploadPart') return uploadPart(call)
        return completeMultipartUpload(call)
      case 'AbortMultipartUpload':
        requireAllowed(deps, caller, 's3:AbortMultipartUpload', objectArn, {})
        return abortMultipartUpload(call)
      case 'ListParts':
        requireAllowed(deps, caller, 's3:ListMultipartUploadParts', objectArn, {})
        return listParts(call)
      default:
        throw notImplemented()
    }
  }
}
