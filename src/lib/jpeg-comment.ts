// A text comment (JPEG COM segment) inside a JPEG. My photos keeps each photo's name in its
// thumbnail this way: S3 user metadata would need a CORS change to be readable from the browser
// (the bucket exposes only ETag and request ids), and the name then arrives with the picture in
// the one request My photos makes anyway. Decoders skip COM segments.

const MARKER = 0xff
const START_OF_IMAGE = 0xd8
const COMMENT = 0xfe
const START_OF_SCAN = 0xda
/** A segment's length field counts itself (2 bytes) and tops out at 0xffff. */
const MAX_COMMENT_BYTES = 0xffff - 2

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === MARKER && bytes[1] === START_OF_IMAGE
}

/** The JPEG with `text` (UTF-8, cut to fit one segment) as a comment right after its start. */
export function withJpegComment(jpeg: Uint8Array, text: string): Uint8Array {
  if (!isJpeg(jpeg)) throw new RangeError('Not a JPEG: it does not start with FF D8')
  let payload = new TextEncoder().encode(text)
  if (payload.length > MAX_COMMENT_BYTES) {
    // Cut on a character boundary: drop UTF-8 continuation bytes left at the end.
    let end = MAX_COMMENT_BYTES
    while (end > 0 && ((payload[end] ?? 0) & 0xc0) === 0x80) end -= 1
    payload = payload.subarray(0, end)
  }
  const length = payload.length + 2
  const out = new Uint8Array(jpeg.length + payload.length + 4)
  out.set(jpeg.subarray(0, 2), 0)
  out.set([MARKER, COMMENT, length >> 8, length & 0xff], 2)
  out.set(payload, 6)
  out.set(jpeg.subarray(2), 6 + payload.length)
  return out
}

/** The first comment before the image data, or null when there is none (or it is no JPEG). */
export function readJpegComment(jpeg: Uint8Array): string | null {
  if (!isJpeg(jpeg)) return null
  let offset = 2
  while (offset + 4 <= jpeg.length && jpeg[offset] === MARKER) {
    const marker = jpeg[offset + 1]
    if (marker === START_OF_SCAN) return null
    const length = ((jpeg[offset + 2] ?? 0) << 8) | (jpeg[offset + 3] ?? 0)
    if (length < 2 || offset + 2 + length > jpeg.length) return null
    if (marker === COMMENT) {
      return new TextDecoder().decode(jpeg.subarray(offset + 4, offset + 2 + length))
    }
    offset += 2 + length
  }
  return null
}
