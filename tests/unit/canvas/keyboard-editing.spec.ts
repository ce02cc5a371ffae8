// The maths behind editing boxes from the keyboard: resizing by arrow keys, the box a keyboard
// user starts drawing, the order ] and [ step through, and what a selected box is announced as.
import { describe, expect, it } from 'vitest'
import { keyboardDraftBox, resizeBoxBy } from '../../../src/lib/canvas/box-geometry'
import { readingOrder, stepThroughBoxes } from '../../../src/lib/canvas/box-order'
import { describeBoxPosition, describeSelectedBox } from '../../../src/lib/canvas/box-description'

const photo = { width: 1600, height: 1200 }

describe('resizeBoxBy', () => {
  it('moves the right and bottom edges and keeps the top-left corner', () => {
    expect(resizeBoxBy({ x: 100, y: 200, width: 50, height: 60 }, 10, -5, photo)).toEqual({
      x: 100,
      y: 200,
      width: 60,
      height: 55,
    })
  })

  it('stops at the photo edge', () => {
    expect(resizeBoxBy({ x: 1590, y: 1150, width: 5, height: 40 }, 10, 20, photo)).toEqual({
      x: 1590,
      y: 1150,
      width: 10,
      height: 50,
    })
  })

  it('never shrinks a side below the minimum', () => {
    const shrunk = resizeBoxBy({ x: 10, y: 10, width: 12, height: 30 }, -10, -100, photo, 4)
    expect(shrunk.width).toBe(4)
    expect(shrunk.height).toBe(4)
  })
})

describe('keyboardDraftBox', () => {
  it('is a square of the asked screen size, centred on what is visible', () => {
    const draft = keyboardDraftBox({ x: 0, y: 0, width: 1600, height: 1200 }, 0.5, 100)
    expect(draft).toEqual({ x: 700, y: 500, width: 200, height: 200 })
  })

  it('is at most half the visible part of the photo when zoomed far out', () => {
    const draft = keyboardDraftBox({ x: 400, y: 300, width: 200, height: 100 }, 0.05, 100)
    expect(draft).toEqual({ x: 475, y: 325, width: 50, height: 50 })
  })
})

const at = (id: string, left: number, top: number) => ({
  id,
  box: { left, top, width: 0.1, height: 0.1 },
})

describe('readingOrder and stepThroughBoxes', () => {
  const boxes = [at('c', 0.5, 0.5), at('a', 0.1, 0.1), at('b', 0.6, 0.1), at('d', 0.5, 0.5)]

  it('orders top to bottom, then left to right, then by id', () => {
    expect(readingOrder(boxes).map((box) => box.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('steps forward and back, going round the ends', () => {
    expect(stepThroughBoxes(boxes, 'a', 1)).toBe('b')
    expect(stepThroughBoxes(boxes, 'd', 1)).toBe('a')
    expect(stepThroughBoxes(boxes, 'a', -1)).toBe('d')
    expect(stepThroughBoxes(boxes, 'c', -1)).toBe('b')
  })

  it('starts at the first box going forward and at the last going back', () => {
    expect(stepThroughBoxes(boxes, null, 1)).toBe('a')
    expect(stepThroughBoxes(boxes, null, -1)).toBe('d')
    expect(stepThroughBoxes(boxes, 'gone', 1)).toBe('a')
    expect(stepThroughBoxes([], null, 1)).toBeNull()
  })
})

describe('box descriptions', () => {
  const box = { left: 0.125, top: 0.5, width: 0.25, height: 0.0625 }

  it('gives the position in percent of the photo', () => {
    expect(describeBoxPosition(box)).toBe('left 12.5 %, top 50.0 %, 25.0 % wide, 6.3 % high')
  })

  it('names the label, the confidence or the user, and the place in the order', () => {
    expect(
      describeSelectedBox({ label: 'Ball', confidence: 81.26, box }, { index: 2, count: 11 }),
    ).toBe('Ball, 81.3 %, box 3 of 11: left 12.5 %, top 50.0 %, 25.0 % wide, 6.3 % high')
    expect(
      describeSelectedBox({ label: 'Sticker', confidence: null, box }, { index: 0, count: 1 }),
    ).toMatch(/^Sticker, drawn by you, box 1 of 1: /)
  })
})
