// Copies inside the bucket: CopyObject (`x-amz-metadata-directive` COPY or REPLACE) and
// UploadPartCopy, which `aws s3 mv` and `cp` between keys use for objects over 8 MB. The source
// is read with the caller's own `s3:GetObject`.
import { AwsError, decodeUriPart } from '../errors.ts'
import type { StoredObject } from '../object-store.ts'
import { parseRawQuery, splitUrl } from '../url.ts'
import {
  header,
  maxObjectBytes,
  metadataOf,
  noSuchKey,
  requireAllowed,
  type Reply,
  type S3Call,
} from './context.ts'
import { partNumberOf } from './multipart.ts'
import { xmlDocument, xmlEscape, xmlReply } from './xml.ts'

/** The object named by `x-amz-copy-source`, read with the caller's own permissions. */
function copySource({ deps, request }: S3Call): StoredObject {
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
  if (bucket !== deps.bucket) {
    throw new AwsError('NoSuchBucket', 404, 'The specified bucket does not exist', {
      BucketName: bucket,
    })
  }
  requireAllowed(deps, request.caller, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`, {})
  const record = deps.store.get(key)
  if (!record) throw noSuchKey(key)
  return record
}

export async function copyObject(call: S3Call): Promise<Reply> {
  const { deps, request, target } = call
  const source = copySource(call)
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
  const data = await deps.store.read(source)
  const store = deps.store
  const record = await store.withKeyLock(target.key, () =>
    store.put(target.key, data, {
      contentType:
        directive === 'COPY'
          ? source.contentType
          : (header(request.headers, 'content-type') ?? 'binary/octet-stream'),
      metadata: directive === 'COPY' ? source.metadata : metadataOf(request.headers),
      crc32: source.crc32,
      now: deps.now(),
    }),
  )
  return xmlReply(
    xmlDocument(
      'CopyObjectResult',
      `<LastModified>${record.lastModified}</LastModified><ETag>${xmlEscape(record.etag)}</ETag>`,
    ),
  )
}

export async function uploadPartCopy(call: S3Call): Promise<Reply> {
  const { deps, request, target } = call
  const source = copySource(call)
  const partNumber = partNumberOf(target)
  const range = header(request.headers, 'x-amz-copy-source-range')
  let data = await deps.store.read(source)
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
  const etag = await deps.uploads.putPart(
    target.query.uploadId ?? '',
    target.key,
    partNumber,
    data,
    maxObjectBytes,
  )
  return xmlReply(
    xmlDocument(
      'CopyPartResult',
      `<LastModified>${deps.now().toISOString()}</LastModified><ETag>${xmlEscape(etag)}</ETag>`,
    ),
  )
}
