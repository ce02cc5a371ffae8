// Where a photo goes in the images bucket and what of its original name travels with it.

/** The guest's own prefix: the bucket policy lets an identity write only under u/<its id>/. */
export function photoKey(identityId: string, randomId: string): string {
  return `u/${identityId}/${randomId}.jpg`
}

/** A random id for a key; hex so it is safe in URLs and S3 keys. */
export function randomPhotoId(randomBytes: Uint8Array): string {
  return Array.from(randomBytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * S3 user metadata travels as HTTP headers: printable ASCII only, and kept short. Accents are
 * folded, anything else becomes "_", and the extension survives truncation.
 */
export function sanitizeFileName(name: string, maxLength = 100): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const ascii = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
  const safe = ascii.replace(/^\.+/, '') || 'photo'
  if (safe.length <= maxLength) return safe
  const dot = safe.lastIndexOf('.')
  const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : ''
  return safe.slice(0, maxLength - extension.length) + extension
}
