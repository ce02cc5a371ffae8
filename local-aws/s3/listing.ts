// Listings: ListObjectsV2, the original ListObjects (markers instead of tokens, which boto3's
// resource API still uses), ListBuckets and GetBucketLocation.
import { AwsError } from '../errors.ts'
import type { StoredObject } from '../object-store.ts'
import type { Reply, S3Call, S3Deps } from './context.ts'
import { xmlDocument, xmlEscape, xmlNamespace, xmlReply } from './xml.ts'

interface ListedPage {
  contents: StoredObject[]
  commonPrefixes: string[]
  truncated: boolean
  lastReturned: string
}

function maxKeysOf(query: Record<string, string>): number {
  return query['max-keys'] === undefined ? 1000 : Number(query['max-keys'])
}

/** The keys after `after` under `prefix`, rolled up at `delimiter`, at most `limit` entries. */
function listPage(
  deps: S3Deps,
  prefix: string,
  delimiter: string,
  after: string,
  limit: number,
): ListedPage {
  const contents: StoredObject[] = []
  const commonPrefixes: string[] = []
  let truncated = false
  let lastReturned = ''
  for (const key of deps.store.sortedKeys()) {
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
    else contents.push(deps.store.get(key)!)
    lastReturned = entry
  }
  return { contents, commonPrefixes, truncated, lastReturned }
}

/** ListObjects (`version` 1) or ListObjectsV2. */
export function listObjects({ deps, target }: S3Call, version: 1 | 2): Reply {
  const query = target.query
  const prefix = query.prefix ?? ''
  const delimiter = query.delimiter ?? ''
  const maxKeys = maxKeysOf(query)
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new AwsError(
      'InvalidArgument',
      400,
      'Provided max-keys not an integer or within integer range',
    )
  }
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
  const page = listPage(deps, prefix, delimiter, after, Math.min(maxKeys, 1000))
  const encode = (text: string): string =>
    xmlEscape(urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text)
  const position =
    version === 1
      ? [
          `<Marker>${encode(query.marker ?? '')}</Marker>`,
          `<MaxKeys>${maxKeys}</MaxKeys>`,
          delimiter ? `<Delimiter>${encode(delimiter)}</Delimiter>` : '',
          `<IsTruncated>${page.truncated}</IsTruncated>`,
          page.truncated ? `<NextMarker>${encode(page.lastReturned)}</NextMarker>` : '',
        ]
      : continuation(query, page, encode)
  const parts = [
    `<Name>${xmlEscape(target.bucket)}</Name>`,
    `<Prefix>${encode(prefix)}</Prefix>`,
    ...position,
    urlEncoded ? '<EncodingType>url</EncodingType>' : '',
    ...page.contents.map(
      (record) =>
        `<Contents><Key>${encode(record.key)}</Key><LastModified>${record.lastModified}</LastModified>` +
        `<ETag>${xmlEscape(record.etag)}</ETag><Size>${record.size}</Size>` +
        `<StorageClass>STANDARD</StorageClass></Contents>`,
    ),
    ...page.commonPrefixes.map(
      (entry) => `<CommonPrefixes><Prefix>${encode(entry)}</Prefix></CommonPrefixes>`,
    ),
  ]
  return xmlReply(xmlDocument('ListBucketResult', parts.join('')))
}

/** ListObjectsV2's position elements: key count, tokens and start-after. */
function continuation(
  query: Record<string, string>,
  page: ListedPage,
  encode: (text: string) => string,
): string[] {
  const { contents, commonPrefixes, truncated, lastReturned } = page
  return [
    `<KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
    `<MaxKeys>${maxKeysOf(query)}</MaxKeys>`,
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

export function listBuckets(deps: S3Deps): Reply {
  return xmlReply(
    xmlDocument(
      'ListAllMyBucketsResult',
      `<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets><Bucket>` +
        `<Name>${xmlEscape(deps.bucket)}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate>` +
        `</Bucket></Buckets>`,
    ),
  )
}

export function getBucketLocation(): Reply {
  // us-east-1 is written as an empty constraint.
  return xmlReply(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${xmlNamespace}"/>`,
  )
}
