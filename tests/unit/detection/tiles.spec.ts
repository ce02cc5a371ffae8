import { describe, expect, it } from 'vitest'
import {
  MAX_TILES,
  mergeTiledDetections,
  planTiles,
  tileToPhoto,
  touchesInnerEdge,
  type TiledDetection,
} from '../../../src/lib/detection/tiles'

describe('planTiles', () => {
  it('reads a photo up to 2:1 whole, in one pass', () => {
    expect(planTiles({ width: 1200, height: 600 })).toEqual([
      {
        region: { x: 0, y: 0, width: 1200, height: 600 },
        innerEdges: { left: false, top: false, right: false, bottom: false },
      },
    ])
  })

  it('covers an 8000×600 panorama with overlapping 1200×600 tiles from end to end', () => {
    const tiles = planTiles({ width: 8000, height: 600 })
    expect(tiles.length).toBeGreaterThan(1)
    const regions = tiles.map((tile) => tile.region)
    for (const region of regions) expect(region).toMatchObject({ y: 0, width: 1200, height: 600 })
    expect(regions[0]?.x).toBe(0)
    expect(regions.at(-1)?.x).toBe(8000 - 1200)
    for (let index = 1; index < regions.length; index += 1) {
      const previous = regions[index - 1]
      const current = regions[index]
      if (!previous || !current) continue
      // Each seam lies well inside the previous tile: at least a quarter of a tile is shared.
      expect(previous.x + previous.width - current.x).toBeGreaterThanOrEqual(300)
    }
    expect(tiles[0]?.innerEdges).toEqual({ left: false, top: false, right: true, bottom: false })
    expect(tiles.at(-1)?.innerEdges).toEqual({
      left: true,
      top: false,
      right: false,
      bottom: false,
    })
  })

  it('tiles a tall photo along its height', () => {
    const tiles = planTiles({ width: 500, height: 3000 })
    expect(tiles.every((tile) => tile.region.width === 500 && tile.region.x === 0)).toBe(true)
    expect(tiles.at(-1)?.region.y).toBe(3000 - (tiles.at(-1)?.region.height ?? 0))
  })

  it('grows the tiles rather than run more than the cap', () => {
    const tiles = planTiles({ width: 10000, height: 100 })
    expect(tiles).toHaveLength(MAX_TILES)
    expect(tiles[0]?.region.width).toBeGreaterThan(200)
    expect(tiles.at(-1)?.region.x).toBe(10000 - (tiles.at(-1)?.region.width ?? 0))
  })
})

describe('tileToPhoto', () => {
  it('maps fractions of a tile to fractions of the photo', () => {
    const [, second] = planTiles({ width: 8000, height: 600 })
    if (!second) throw new Error('expected a second tile')
    const box = tileToPhoto({ left: 0.5, top: 0.25, width: 0.25, height: 0.5 }, second, {
      width: 8000,
      height: 600,
    })
    expect(box.left * 8000).toBeCloseTo(second.region.x + 600)
    expect(box.width * 8000).toBeCloseTo(300)
    expect(box.top).toBeCloseTo(0.25)
    expect(box.height).toBeCloseTo(0.5)
  })
})

describe('touchesInnerEdge', () => {
  it('marks boxes at an edge where the tile cut the photo, not at the photo’s own edge', () => {
    const [first] = planTiles({ width: 8000, height: 600 })
    if (!first) throw new Error('expected a tile')
    expect(touchesInnerEdge({ left: 0.8, top: 0.1, width: 0.2, height: 0.5 }, first)).toBe(true)
    expect(touchesInnerEdge({ left: 0, top: 0.1, width: 0.2, height: 0.5 }, first)).toBe(false)
    expect(touchesInnerEdge({ left: 0.3, top: 0, width: 0.2, height: 1 }, first)).toBe(false)
  })
})

describe('mergeTiledDetections', () => {
  const detection = (
    classIndex: number,
    confidence: number,
    left: number,
    width: number,
    cut = false,
  ): TiledDetection => ({
    classIndex,
    confidence,
    box: { left, top: 0, width, height: 1 },
    cut,
  })

  it('keeps the same object seen whole by two tiles once, the more confident', () => {
    const merged = mergeTiledDetections(
      [detection(0, 80, 0.2, 0.1), detection(0, 90, 0.21, 0.1)],
      0.5,
    )
    expect(merged).toEqual([detection(0, 90, 0.21, 0.1)])
  })

  it('drops the part of an object a seam cut when a whole box of its class covers it', () => {
    const whole = detection(15, 85, 0.6, 0.1)
    const part = detection(15, 95, 0.64, 0.06, true)
    expect(mergeTiledDetections([part, whole], 0.5)).toEqual([whole])
  })

  it('keeps a cut box where nothing else saw the object, and other classes always', () => {
    const part = detection(15, 70, 0.64, 0.06, true)
    const tie = detection(27, 60, 0.65, 0.02)
    expect(mergeTiledDetections([part, tie], 0.5)).toEqual([part, tie])
  })

  it('keeps two objects of one class side by side', () => {
    const merged = mergeTiledDetections(
      [detection(0, 90, 0.1, 0.05), detection(0, 80, 0.2, 0.05)],
      0.5,
    )
    expect(merged).toHaveLength(2)
  })
})
