// S3's XML: escaping as S3 writes it, the error body, and reading the two request bodies this
// endpoint accepts (DeleteObjects, CompleteMultipartUpload) strictly, as MalformedXML otherwise.
import { AwsError } from '../errors.ts'
import type { CompletedPart } from './multipart-store.ts'

export const xmlNamespace = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** Escapes markup and, as S3 does, writes control characters (CR, LF, NUL…) as references. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"\p{Cc}]/gu, (char) => `&#${char.charCodeAt(0)};`)
}

/** A result document: the XML declaration, then `root` in S3's namespace around `inner`. */
export function xmlDocument(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${xmlNamespace}">${inner}</${root}>`
}

export function xmlReply(body: string): {
  status: number
  headers: Record<string, string>
  body: string
} {
  return { status: 200, headers: { 'Content-Type': 'application/xml' }, body }
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

export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    400,
    'The XML you provided was not well-formed or did not validate against our published schema',
  )
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
export function parseDeleteBody(xml: string): { keys: string[]; quiet: boolean } {
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

/** Reads the part list of a CompleteMultipartUpload body; anything else is MalformedXML. */
export function parseCompleteBody(xml: string): CompletedPart[] {
  const root =
    /^\s*(?:<\?xml[^>]*\?>\s*)?<CompleteMultipartUpload(?:\s[^>]*)?>([\s\S]*)<\/CompleteMultipartUpload>\s*$/.exec(
      xml,
    )
  if (!root) throw malformedXml()
  const parts: CompletedPart[] = []
  for (const match of root[1]!.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const number = /<PartNumber>\s*(\d{1,5})\s*<\/PartNumber>/.exec(match[1]!)
    const etag = /<ETag>([^<]*)<\/ETag>/.exec(match[1]!)
    if (!number || !etag) throw malformedXml()
    parts.push({
      partNumber: Number(number[1]),
      etag: etag[1]!.replace(/&quot;|&#34;|"/g, '').trim(),
    })
  }
  if (parts.length === 0) throw malformedXml()
  return parts
}
