// A JPEG's size as it is meant to be seen, read from its header alone: the frame size (SOF) and
// the EXIF orientation, which turns the picture a quarter for orientations 5 to 8. The
// preparation worker uses it to decode a large photo straight to its prepared size, instead of
// decoding it whole and scaling it after (about 40 ms less for a 12 MP photo).

export interface UprightSize {
  width: number
  height: number
}

/** Start-of-frame markers: every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
const START_OF_FRAME = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
])
const APP1 = 0xe1
const START_OF_SCAN = 0xda
const ORIENTATION_TAG = 0x0112

/** The EXIF orientation (1–8) in an APP1 segment's payload, or null when it has none. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number | null {
  const header = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"
  if (header.some((byte, index) => bytes[start + index] !== byte)) return null
  const tiff = start + header.length
  if (tiff + 8 > end) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const order = view.getUint16(tiff)
  if (order !== 0x4949 && order !== 0x4d4d) return null
  const little = order === 0x4949
  const directory = tiff + view.getUint32(tiff + 4, little)
  if (directory + 2 > end) return null
  const entries = view.getUint16(directory, little)
  for (let index = 0; index < entries; index += 1) {
    const entry = directory + 2 + index * 12
    if (entry + 12 > end) return null
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const orientation = view.getUint16(entry + 8, little)
      return orientation >= 1 && orientation <= 8 ? orientation : null
    }
  }
  return null
}

/**
 * The upright width and height of a JPEG from its first bytes, or null when they are not a JPEG
 * or end before its frame header (the caller then decodes the photo whole, as for any format).
 */
export function uprightJpegSize(bytes: Uint8Array): UprightSize | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let orientation = 1
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes[offset + 1] ?? 0
    // Fill bytes, and markers that carry no length.
    if (marker === 0xff) {
      offset += 1
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2
      continue
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)
    if (length < 2) return null
    const payload = offset + 4
    const end = offset + 2 + length
    if (START_OF_FRAME.has(marker)) {
      if (payload + 5 > bytes.length) return null
      const height = ((bytes[payload + 1] ?? 0) << 8) | (bytes[payload + 2] ?? 0)
      const width = ((bytes[payload + 3] ?? 0) << 8) | (bytes[payload + 4] ?? 0)
      if (width === 0 || height === 0) return null
      return orientation >= 5 ? { width: height, height: width } : { width, height }
    }
    if (marker === START_OF_SCAN) return null
    if (marker === APP1) {
      orientation = exifOrientation(bytes, payload, Math.min(end, bytes.length)) ?? orientation
    }
    offset = end
  }
  return null
}
