import { describe, expect, it } from 'vitest'
import {
  attachPoint,
  HANDLE_SIZE_MOUSE,
  HANDLE_SIZE_TOUCH,
  handleLayout,
  MIN_TARGET_SIZE,
  resizeByHandle,
  type HandleLayout,
} from '../../../src/lib/canvas/handle-layout'
import { rectsIntersect } from '../../../src/lib/canvas/tag-layout'
import type { StageRect } from '../../../src/lib/canvas/types'

/** The canvas of a 390×844 phone above the label sheet. */
const PHONE_CANVAS: StageRect = { x: 0, y: 0, width: 390, height: 420 }

function names(layout: HandleLayout): string[] {
  return layout.handles.map((handle) => handle.name).sort()
}

function inside(outer: StageRect, inner: StageRect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

function expectTargetsApart(layout: HandleLayout): void {
  layout.handles.forEach((handle, index) => {
    for (const other of layout.handles.slice(index + 1)) {
      expect(rectsIntersect(handle.target, other.target), `${handle.name}/${other.name}`).toBe(
        false,
      )
    }
  })
}

/** A seeded generator, so the generated boxes are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

describe('handleLayout', () => {
  it('puts the four touch handles of the 34×33 ball outside it, never over it', () => {
    const ball = { x: 180, y: 200, width: 34, height: 33 }
    const layout = handleLayout({ box: ball, handleSize: HANDLE_SIZE_TOUCH, area: PHONE_CANVAS })
    expect(names(layout)).toEqual(['bottom-left', 'bottom-right', 'top-left', 'top-right'])
    for (const handle of layout.handles) {
      expect(handle.overBox).toBe(false)
      expect(rectsIntersect(handle.target, ball)).toBe(false)
      expect(handle.target.width).toBeGreaterThanOrEqual(HANDLE_SIZE_TOUCH)
      expect(inside(PHONE_CANVAS, handle.target)).toBe(true)
    }
    expectTargetsApart(layout)
  })

  it('gives a mouse handle a 24×24 target though it draws a 12 px square', () => {
    const layout = handleLayout({
      box: { x: 100, y: 100, width: 20, height: 20 },
      handleSize: HANDLE_SIZE_MOUSE,
      area: PHONE_CANVAS,
    })
    expect(layout.targetSize).toBe(MIN_TARGET_SIZE)
    for (const handle of layout.handles) {
      expect(handle.target.width).toBe(24)
      expect(handle.target.height).toBe(24)
    }
    // The top-left target ends 2 px before the corner: its centre is 14 px out on both axes.
    const topLeft = layout.handles.find((handle) => handle.name === 'top-left')
    expect(topLeft?.offset).toEqual({ x: -14, y: -14 })
    expect(topLeft?.target).toEqual({ x: 74, y: 74, width: 24, height: 24 })
  })

  it('slides the bottom handles of a small box at the bottom up beside it, off the sheet', () => {
    const box = { x: 150, y: 390, width: 30, height: 28 }
    const layout = handleLayout({ box, handleSize: HANDLE_SIZE_TOUCH, area: PHONE_CANVAS })
    expect(layout.handles).toHaveLength(4)
    for (const handle of layout.handles) {
      expect(inside(PHONE_CANVAS, handle.target)).toBe(true)
      expect(rectsIntersect(handle.target, box)).toBe(false)
    }
    const bottomLeft = layout.handles.find((handle) => handle.name === 'bottom-left')
    // Left of the box, its bottom edge 2 px above the box's, where the sheet begins.
    expect(bottomLeft?.target).toEqual({ x: 120, y: 388, width: 28, height: 28 })
    expectTargetsApart(layout)
  })

  it('drops a handle with no room of its own for a small box in a corner of the view', () => {
    const box = { x: 360, y: 395, width: 30, height: 25 }
    const layout = handleLayout({ box, handleSize: HANDLE_SIZE_TOUCH, area: PHONE_CANVAS })
    // Bottom-left could only go left of the box, where the top-left handle already is.
    expect(names(layout)).toEqual(['top-left', 'top-right'])
    for (const handle of layout.handles) {
      expect(handle.overBox).toBe(false)
      expect(rectsIntersect(handle.target, box)).toBe(false)
      expect(inside(PHONE_CANVAS, handle.target)).toBe(true)
    }
    expectTargetsApart(layout)
  })

  it('falls back to the corner with the most of its target in view when none fits whole', () => {
    const area = { x: 0, y: 0, width: 60, height: 60 }
    const box = { x: 10, y: 10, width: 30, height: 30 }
    const layout = handleLayout({ box, handleSize: HANDLE_SIZE_TOUCH, area })
    expect(layout.handles).toHaveLength(1)
    const [handle] = layout.handles
    // Bottom-right has 18×18 px of its target in view, the others 8×8 or less.
    expect(handle?.name).toBe('bottom-right')
    expect(handle && rectsIntersect(handle.target, box)).toBe(false)
  })

  it('gives a roomy box all eight handles, outside it', () => {
    const box = { x: 60, y: 60, width: 200, height: 200 }
    const layout = handleLayout({ box, handleSize: HANDLE_SIZE_TOUCH, area: PHONE_CANVAS })
    expect(layout.handles).toHaveLength(8)
    for (const handle of layout.handles) {
      expect(handle.overBox).toBe(false)
      expect(rectsIntersect(handle.target, box)).toBe(false)
    }
  })

  it('tucks the handles of a box that fills the view inside its corners, leaving its body free', () => {
    const box = { x: 0, y: 8, width: 390, height: 290 }
    const layout = handleLayout({ box, handleSize: HANDLE_SIZE_TOUCH, area: PHONE_CANVAS })
    expect(layout.handles).toHaveLength(8)
    const covered = layout.handles.reduce(
      (sum, handle) => sum + handle.target.width * handle.target.height,
      0,
    )
    expect(covered / (box.width * box.height)).toBeLessThan(0.06)
    for (const handle of layout.handles) expect(inside(PHONE_CANVAS, handle.target)).toBe(true)
    // The bottom handles still fit below the box, so they stay outside it, slid inwards.
    const bottom = layout.handles.filter((handle) => handle.name.startsWith('bottom'))
    expect(bottom.every((handle) => !handle.overBox)).toBe(true)
    expect(layout.handles.filter((handle) => handle.overBox).length).toBe(5)
  })

  it('never covers a box smaller than three targets, wherever it is and whatever its shape', () => {
    const next = random(7)
    for (let round = 0; round < 500; round += 1) {
      const handleSize = next() < 0.5 ? HANDLE_SIZE_TOUCH : HANDLE_SIZE_MOUSE
      const target = Math.max(MIN_TARGET_SIZE, handleSize)
      const width = 6 + next() * (3 * target - 7)
      const height = 6 + next() * 200
      const box = {
        x: next() * (PHONE_CANVAS.width - width),
        y: next() * (PHONE_CANVAS.height - height),
        width,
        height,
      }
      const layout = handleLayout({ box, handleSize, area: PHONE_CANVAS })
      expect(layout.handles.length).toBeGreaterThan(0)
      for (const handle of layout.handles) {
        expect(rectsIntersect(handle.target, box)).toBe(false)
        expect(handle.target.width).toBeGreaterThanOrEqual(MIN_TARGET_SIZE)
        expect(handle.target.height).toBeGreaterThanOrEqual(MIN_TARGET_SIZE)
      }
      expectTargetsApart(layout)
      // In a phone-sized view a small box always has room for at least one handle in full.
      expect(layout.handles.some((handle) => inside(PHONE_CANVAS, handle.target))).toBe(true)
    }
  })
})

describe('resizeByHandle', () => {
  const start: StageRect = { x: 100, y: 50, width: 200, height: 120 }

  it('moves the corner a corner handle holds and keeps the opposite one', () => {
    expect(resizeByHandle(start, 'bottom-right', { x: 260, y: 150 })).toEqual({
      x: 100,
      y: 50,
      width: 160,
      height: 100,
    })
    expect(resizeByHandle(start, 'top-left', { x: 80, y: 70 })).toEqual({
      x: 80,
      y: 70,
      width: 220,
      height: 100,
    })
  })

  it('moves only the edge an edge handle holds, whatever the pointer does along it', () => {
    expect(resizeByHandle(start, 'middle-left', { x: 150, y: 999 })).toEqual({
      x: 150,
      y: 50,
      width: 150,
      height: 120,
    })
    expect(resizeByHandle(start, 'bottom-center', { x: -40, y: 200 })).toEqual({
      x: 100,
      y: 50,
      width: 200,
      height: 150,
    })
  })

  it('gives the box back unchanged when the handle has not moved', () => {
    for (const handle of handleLayout({ box: start, handleSize: 12, area: PHONE_CANVAS }).handles) {
      expect(resizeByHandle(start, handle.name, attachPoint(start, handle.name))).toEqual(start)
    }
  })

  it('asks for a negative size when dragged past the opposite edge (the clamp refuses it)', () => {
    expect(resizeByHandle(start, 'top-right', { x: 50, y: 40 }).width).toBeLessThan(0)
  })
})
