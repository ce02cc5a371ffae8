import { describe, expect, it } from 'vitest'
import {
  anchorsForSize,
  boxFromCorners,
  clampPositionToPhoto,
  clampResizeToPhoto,
  isAccidentalBox,
  normalizedToPhoto,
  nudgeBox,
  photoToNormalized,
} from '../../../src/lib/canvas/box-geometry'

const photo = { width: 1600, height: 1200 }

describe('normalised ↔ photo pixels', () => {
  it('multiplies fractions by the photo size', () => {
    expect(normalizedToPhoto({ left: 0.25, top: 0.5, width: 0.125, height: 0.25 }, photo)).toEqual({
      x: 400,
      y: 600,
      width: 200,
      height: 300,
    })
  })

  it('round-trips without drift', () => {
    const box = { left: 0.137, top: 0.291, width: 0.333, height: 0.42 }
    const back = photoToNormalized(normalizedToPhoto(box, photo), photo)
    expect(back.left).toBeCloseTo(box.left, 12)
    expect(back.top).toBeCloseTo(box.top, 12)
    expect(back.width).toBeCloseTo(box.width, 12)
    expect(back.height).toBeCloseTo(box.height, 12)
  })

  it('clips a pixel box that runs off the photo when converting back', () => {
    const box = photoToNormalized({ x: 1500, y: -120, width: 200, height: 240 }, photo)
    expect(box.left).toBeCloseTo(1500 / 1600, 12)
    expect(box.width).toBeCloseTo(100 / 1600, 12)
    expect(box.top).toBe(0)
    expect(box.height).toBeCloseTo(0.1, 12)
  })
})

describe('clampResizeToPhoto (boundBoxFunc)', () => {
  const photoRect = { x: 20, y: 40, width: 300, height: 200 }
  const previous = { x: 50, y: 60, width: 100, height: 80 }

  it('accepts a resize inside the photo as it is', () => {
    const requested = { x: 40, y: 50, width: 150, height: 100 }
    expect(clampResizeToPhoto(previous, requested, photoRect)).toEqual(requested)
  })

  it('stops the dragged left edge at the photo edge and keeps the right edge', () => {
    // Right edge at 10 + 140 = 150 stays; left edge stops at 20.
    const requested = { x: 10, y: 60, width: 140, height: 80 }
    expect(clampResizeToPhoto(previous, requested, photoRect)).toEqual({
      x: 20,
      y: 60,
      width: 130,
      height: 80,
    })
  })

  it('stops the bottom-right corner at the photo corner', () => {
    const requested = { x: 50, y: 60, width: 400, height: 400 }
    expect(clampResizeToPhoto(previous, requested, photoRect)).toEqual({
      x: 50,
      y: 60,
      width: 270,
      height: 180,
    })
  })

  it('keeps the previous box when the new one would be thinner than the minimum', () => {
    const requested = { x: 50, y: 60, width: 3, height: 80 }
    expect(clampResizeToPhoto(previous, requested, photoRect, 6)).toEqual(previous)
  })
})

describe('clampPositionToPhoto (dragBoundFunc)', () => {
  const photoRect = { x: 10, y: 10, width: 200, height: 100 }
  const size = { width: 50, height: 40 }

  it('leaves a position inside alone', () => {
    expect(clampPositionToPhoto({ x: 60, y: 30 }, size, photoRect)).toEqual({ x: 60, y: 30 })
  })

  it('stops the box at every edge', () => {
    expect(clampPositionToPhoto({ x: -100, y: -100 }, size, photoRect)).toEqual({ x: 10, y: 10 })
    expect(clampPositionToPhoto({ x: 500, y: 500 }, size, photoRect)).toEqual({ x: 160, y: 70 })
  })

  it('pins a box wider than the photo to its left edge', () => {
    expect(clampPositionToPhoto({ x: 80, y: 20 }, { width: 300, height: 40 }, photoRect)).toEqual({
      x: 10,
      y: 20,
    })
  })
})

describe('nudgeBox', () => {
  const box = { x: 100, y: 100, width: 50, height: 40 }

  it('moves by whole photo pixels', () => {
    expect(nudgeBox(box, 1, 0, photo)).toEqual({ x: 101, y: 100, width: 50, height: 40 })
    expect(nudgeBox(box, 0, -10, photo)).toEqual({ x: 100, y: 90, width: 50, height: 40 })
  })

  it('stops at the photo edges without changing size', () => {
    expect(nudgeBox({ x: 3, y: 1155, width: 50, height: 40 }, -10, 10, photo)).toEqual({
      x: 0,
      y: 1160,
      width: 50,
      height: 40,
    })
  })
})

describe('drawing', () => {
  it('spans two corners in any order', () => {
    expect(boxFromCorners({ x: 300, y: 40 }, { x: 100, y: 240 }, photo)).toEqual({
      x: 100,
      y: 40,
      width: 200,
      height: 200,
    })
  })

  it('clips a drag that leaves the photo', () => {
    expect(boxFromCorners({ x: 1500, y: 1100 }, { x: 1900, y: 1500 }, photo)).toEqual({
      x: 1500,
      y: 1100,
      width: 100,
      height: 100,
    })
  })

  it('treats boxes under 10 screen pixels on a side as accidental', () => {
    const box = { x: 0, y: 0, width: 40, height: 30 }
    expect(isAccidentalBox(box, 0.2)).toBe(true) // 8 × 6 on screen
    expect(isAccidentalBox(box, 0.5)).toBe(false) // 20 × 15 on screen
  })
})

describe('anchorsForSize', () => {
  it('gives all eight handles to a box with room for them', () => {
    expect(anchorsForSize({ width: 120, height: 90 }, 28)).toHaveLength(8)
  })

  it('drops the middle handles on a side shorter than three handles', () => {
    const anchors = anchorsForSize({ width: 200, height: 60 }, 28)
    expect(anchors).toContain('top-center')
    expect(anchors).not.toContain('middle-left')
    expect(anchorsForSize({ width: 40, height: 40 }, 28).sort()).toEqual(
      ['bottom-left', 'bottom-right', 'top-left', 'top-right'].sort(),
    )
  })

  it('keeps all handles on the same small box with mouse-sized handles', () => {
    expect(anchorsForSize({ width: 40, height: 40 }, 12)).toHaveLength(8)
  })
})
