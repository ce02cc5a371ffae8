// How a guest's photos are laid out in the images bucket. Everything that belongs to a photo
// shares its key's stem, so one prefix listing finds it all and a delete leaves nothing behind:
//   u/<identity>/<id>.jpg                the prepared photo (see photo-key.ts)
//   u/<identity>/<id>.thumb.jpg          a small JPEG for the gallery
//   u/<identity>/<id>.analysis.json      the analysis document (see analysis-document.ts)

const PHOTO_KEY = /^(u\/[^/]+\/[0-9a-f]+)\.jpg$/
const SIDE_KEY = /^(u\/[^/]+\/[0-9a-f]+)\.(thumb\.jpg|analysis\.json)$/

/** The guest's own prefix, as the bucket policy allows it to be listed. */
export function myPhotosPrefix(identityId: string): string {
  return `u/${identityId}/`
}

function stemOf(photoKey: string): string {
  const match = PHOTO_KEY.exec(photoKey)
  if (!match?.[1]) throw new RangeError(`Not a photo key: ${photoKey}`)
  return match[1]
}

export function isPhotoKey(key: string): boolean {
  return PHOTO_KEY.test(key)
}

export function thumbnailKey(photoKey: string): string {
  return `${stemOf(photoKey)}.thumb.jpg`
}

export function analysisKey(photoKey: string): string {
  return `${stemOf(photoKey)}.analysis.json`
}

/**
 * The prefix shared by a photo and every file beside it. The trailing dot keeps another photo
 * whose id starts with this one's out of it.
 */
export function photoFilesPrefix(photoKey: string): string {
  return `${stemOf(photoKey)}.`
}

/**
 * Side files first, the photo last: if a delete stops half way, the photo is still listed and
 * the user can delete it again, rather than side files lingering unseen.
 */
export function deletionOrder(photoKey: string, keys: string[]): string[] {
  const prefix = photoFilesPrefix(photoKey)
  const mine = [...new Set(keys.filter((key) => key.startsWith(prefix)))]
  const sideFiles = mine.filter((key) => key !== photoKey).sort()
  return mine.includes(photoKey) ? [...sideFiles, photoKey] : sideFiles
}

/** One object from a ListObjectsV2 page, as the library needs it. */
export interface ListedObject {
  key: string
  /** ISO 8601. */
  lastModified: string
  size: number
}

export interface MyPhotosEntry {
  photoKey: string
  /** ISO 8601: when the photo was uploaded. */
  addedAt: string
  size: number
  thumbnailKey: string | null
  analysisKey: string | null
}

/**
 * Groups listed objects into photos, newest first. Side files without their photo (a delete
 * that stopped half way) are left out; unknown keys under the prefix are ignored.
 */
export function myPhotosEntries(objects: ListedObject[]): MyPhotosEntry[] {
  const sideFiles = new Set<string>()
  for (const object of objects) if (SIDE_KEY.test(object.key)) sideFiles.add(object.key)
  const entries = objects
    .filter((object) => isPhotoKey(object.key))
    .map((object) => {
      const thumbnail = thumbnailKey(object.key)
      const analysis = analysisKey(object.key)
      return {
        photoKey: object.key,
        addedAt: object.lastModified,
        size: object.size,
        thumbnailKey: sideFiles.has(thumbnail) ? thumbnail : null,
        analysisKey: sideFiles.has(analysis) ? analysis : null,
      }
    })
  return entries.sort((a, b) => {
    const byTime = Date.parse(b.addedAt) - Date.parse(a.addedAt)
    return byTime !== 0 ? byTime : a.photoKey.localeCompare(b.photoKey)
  })
}

/** Long side of a gallery thumbnail in pixels: sharp in a 3-column phone grid at 3× density. */
export const THUMBNAIL_LONG_SIDE = 320

/** The thumbnail's pixel size: long side THUMBNAIL_LONG_SIDE, never scaled up, at least 1 px. */
export function thumbnailSize(
  width: number,
  height: number,
  longSide = THUMBNAIL_LONG_SIDE,
): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError('thumbnailSize needs a positive size')
  const scale = Math.min(1, longSide / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}
