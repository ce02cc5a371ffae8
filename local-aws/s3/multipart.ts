// The multipart upload operations: CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload and ListParts (the parts themselves live in multipart-store.ts).
import { AwsError } from '../errors.ts'
import { checksumBase64 } from './checksums.ts'
import {
  header,
  maxObjectBytes,
  metadataOf,
  type Reply,
  type S3Call,
  type S3Target,
} from './context.ts'
import { maxPartNumber } from './multipart-store.ts'
import { givenChecksums, verifyDigests } from './payload.ts'
import { parseCompleteBody, xmlDocument, xmlEscape, xmlReply } from './xml.ts'

export function partNumberOf(target: S3Target): number {
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

export async function createMultipartUpload({ deps, request, target }: S3Call): Promise<Reply> {
  const checksumAlgorithm = header(request.headers, 'x-amz-checksum-algorithm')?.toUpperCase()
  const uploadId = await deps.uploads.create({
    key: target.key,
    contentType: header(request.headers, 'content-type') ?? 'binary/octet-stream',
    metadata: metadataOf(request.headers),
    ...(checksumAlgorithm ? { checksumAlgorithm } : {}),
  })
  const reply = xmlReply(
    xmlDocument(
      'InitiateMultipartUploadResult',
      `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
        `<UploadId>${uploadId}</UploadId>`,
    ),
  )
  if (checksumAlgorithm) reply.headers['x-amz-checksum-algorithm'] = checksumAlgorithm
  return reply
}

export async function uploadPart({
  deps,
  request,
  target,
  body,
  trailers,
}: S3Call): Promise<Reply> {
  const partNumber = partNumberOf(target)
  verifyDigests(request, body, trailers)
  const etag = await deps.uploads.putPart(
    target.query.uploadId ?? '',
    target.key,
    partNumber,
    body,
    maxObjectBytes,
  )
  return { status: 200, headers: { ETag: etag, ...givenChecksums(request, trailers) } }
}

export async function completeMultipartUpload({ deps, target, body }: S3Call): Promise<Reply> {
  const uploadId = target.query.uploadId ?? ''
  const parts = parseCompleteBody(body.toString('utf8'))
  const store = deps.store
  const record = await store.withKeyLock(target.key, async () => {
    const joined = await deps.uploads.join(uploadId, target.key, parts, maxObjectBytes)
    const stored = await store.put(target.key, joined.body, {
      contentType: joined.details.contentType,
      metadata: joined.details.metadata,
      crc32: checksumBase64('crc32', joined.body),
      now: deps.now(),
      etag: joined.etag,
    })
    await deps.uploads.remove(uploadId, target.key)
    return stored
  })
  return xmlReply(
    xmlDocument(
      'CompleteMultipartUploadResult',
      `<Location>/${xmlEscape(target.bucket)}/${xmlEscape(target.key)}</Location>` +
        `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
        `<ETag>${xmlEscape(record.etag)}</ETag>`,
    ),
  )
}

export async function abortMultipartUpload({ deps, target }: S3Call): Promise<Reply> {
  await deps.uploads.remove(target.query.uploadId ?? '', target.key)
  return { status: 204, headers: {} }
}

export async function listParts({ deps, target }: S3Call): Promise<Reply> {
  const uploadId = target.query.uploadId ?? ''
  const parts = await deps.uploads.listParts(uploadId, target.key)
  return xmlReply(
    xmlDocument(
      'ListPartsResult',
      `<Bucket>${xmlEscape(target.bucket)}</Bucket><Key>${xmlEscape(target.key)}</Key>` +
        `<UploadId>${uploadId}</UploadId><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>` +
        parts
          .map(
            (part) =>
              `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${xmlEscape(part.etag)}</ETag>` +
              `<Size>${part.size}</Size></Part>`,
          )
          .join(''),
    ),
  )
}
