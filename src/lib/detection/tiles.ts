// Photos much wider or taller than square (panoramas) shrink to a thin strip in the square model
// input, where objects are a few pixels high and the model guesses. They are read instead as
// overlapping tiles of at most 2:1; what each tile finds is mapped back onto the photo and merged.
import { intersectionOverUnion } from './nms'
import type { NormalizedBox, PixelBox } from './types'

/** Photos up to this long:short ratio are read whole, in one pass. */
export const TILING_ASPECT = 2
/** Each tile is at most this long:short, so it still fills half the model input. */
const TILE_ASPECT = 2
/** Neighbouring tiles share a quarter of their length, so an object on a seam is whole in one. */
const TILE_OVERLAP = 0.25
/** Beyond this the tiles grow instead of multiplying: each costs a model run. */
export const MAX_TILES = 12
/** A box within this fraction of a tile's inner edge was cut by it. */
const CUT_MARGIN = 0.02
/** A cut box mostly inside a kept box of its class is the same object seen in part. */
const CUT_CONTAINED = 0.6

export interface Tile {
  /** The region of the photo, in its pixels. */
  region: PixelBox
  /** Which of the tile's edges lie inside the photo: boxes touching them may be cut. */
  innerEdges: { left: boolean; top: boolean; right: boolean; bottom: boolean }
}

export interface Size {
  width: number
  height: number
}

const wholeTile = (size: Size): Tile => ({
  region: { x: 0, y: 0, width: size.width, height: size.height },
  innerEdges: { left: false, top: false, right: false, bottom: false },
})

/**
 * The passes to run over a photo: the whole photo up to 2:1; beyond that, overlapping tiles
 * along its long side, evenly spread from one end to the other (the whole strip is left out: on
 * an 8000×600 panorama it gave a 63 % dog that is not there).
 */
export function planTiles(size: Size): Tile[] {
  const horizontal = size.width >= size.height
  const long = horizontal ? size.width : size.height
  const short = horizontal ? size.height : size.width
  if (long / short <= TILING_ASPECT) return [wholeTile(size)]
  let tileLong = short * TILE_ASPECT
  let count = Math.ceil((long - tileLong) / (tileLong * (1 - TILE_OVERLAP))) + 1
  if (count > MAX_TILES) {
    count = MAX_TILES
    tileLong = long / (1 + (1 - TILE_OVERLAP) * (count - 1))
  }
  tileLong = Math.min(long, Math.ceil(tileLong))
  const step = (long - tileLong) / (count - 1)
  const tiles: Tile[] = []
  for (let index = 0; index < count; index += 1) {
    const start = Math.round(index * step)
    const first = index === 0
    const last = index === count - 1
    tiles.push(
      horizontal
        ? {
            region: { x: start, y: 0, width: tileLong, height: short },
            innerEdges: { left: !first, top: false, right: !last, bottom: false },
          }
        : {
            region: { x: 0, y: start, width: short, height: tileLong },
            innerEdges: { left: false, top: !first, right: false, bottom: !last },
          },
    )
  }
  return tiles
}

/** A box found on a tile (fractions of the tile) → fractions of the whole photo. */
export function tileToPhoto(box: NormalizedBox, tile: Tile, photo: Size): NormalizedBox {
  const { region } = tile
  return {
    left: (region.x + box.left * region.width) / photo.width,
    top: (region.y + box.top * region.height) / photo.height,
    width: (box.width * region.width) / photo.width,
    height: (box.height * region.height) / photo.height,
  }
}

/** Whether a box (fractions of the tile) touches an edge where the tile cut the photo. */
export function touchesInnerEdge(box: NormalizedBox, tile: Tile): boolean {
  const { innerEdges } = tile
  return (
    (innerEdges.left && box.left <= CUT_MARGIN) ||
    (innerEdges.top && box.top <= CUT_MARGIN) ||
    (innerEdges.right && box.left + box.width >= 1 - CUT_MARGIN) ||
    (innerEdges.bottom && box.top + box.height >= 1 - CUT_MARGIN)
  )
}

export interface TiledDetection {
  classIndex: number
  /** Calibrated confidence, 0–100. */
  confidence: number
  /** Fractions of the whole photo. */
  box: NormalizedBox
  /** True when a tile's inner edge cut the box: the object may be whole in a neighbour. */
  cut: boolean
}

const asPixels = (box: NormalizedBox): PixelBox => ({
  x: box.left,
  y: box.top,
  width: box.width,
  height: box.height,
})

/** Share of the smaller box that lies inside the larger one. */
function containedShare(a: NormalizedBox, b: NormalizedBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top)
  if (width <= 0 || height <= 0) return 0
  const smaller = Math.min(a.width * a.height, b.width * b.height)
  return smaller > 0 ? (width * height) / smaller : 0
}

/**
 * Merges the passes' detections. Whole boxes are kept first, most confident first, with
 * class-aware NMS; a box a tile cut is then kept only where no box of its class already covers
 * most of it, so an object on a seam is counted once.
 */
export function mergeTiledDetections(
  detections: readonly TiledDetection[],
  iouThreshold: number,
  maxDetections = Number.POSITIVE_INFINITY,
): TiledDetection[] {
  const ordered = [...detections].sort(
    (a, b) => Number(a.cut) - Number(b.cut) || b.confidence - a.confidence,
  )
  const kept: TiledDetection[] = []
  for (const candidate of ordered) {
    if (kept.length >= maxDetections) break
    const duplicate = kept.some(
      (other) =>
        other.classIndex === candidate.classIndex &&
        (intersectionOverUnion(asPixels(other.box), asPixels(candidate.box)) > iouThreshold ||
          (candidate.cut && containedShare(other.box, candidate.box) > CUT_CONTAINED)),
    )
    if (!duplicate) kept.push(candidate)
  }
  return kept.sort((a, b) => b.confidence - a.confidence)
}
