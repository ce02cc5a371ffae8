import { describe, expect, it } from 'vitest'
import {
  clampScale,
  clampViewToViewport,
  fitView,
  photoRectOnStage,
  photoToStage,
  pinchView,
  stageToPhoto,
  touchDistance,
  touchMidpoint,
  wheelDeltaPixels,
  wheelIntent,
  wheelZoomFactor,
  zoomAboutPoint,
  zoomLimits,
} from '../../../src/lib/canvas/view'

describe('fitView', () => {
  it('fits a landscape photo to the width of a portrait phone and centres it vertically', () => {
    // 1920×1080 into 390×844 with an 8 px margin: scale = 374 / 1920, height 210.375.
    const view = fitView({ width: 1920, height: 1080 }, { width: 390, height: 844 })
    expect(view.scale).toBeCloseTo(374 / 1920, 12)
    expect(view.x).toBeCloseTo(8, 9)
    expect(view.y).toBeCloseTo((844 - 1080 * (374 / 1920)) / 2, 9)
  })

  it('fits a portrait photo to the height of a wide viewport and centres it horizontally', () => {
    // 600×800 into 1000×416: scale = 400 / 800 = 0.5, drawn 300 wide, x = (1000 - 300) / 2.
    const view = fitView({ width: 600, height: 800 }, { width: 1000, height: 416 })
    expect(view).toEqual({ scale: 0.5, x: 350, y: 8 })
  })

  it('enlarges a photo smaller than the viewport', () => {
    const view = fitView({ width: 100, height: 50 }, { width: 416, height: 416 }, 8)
    expect(view.scale).toBe(4)
    expect(view.x).toBe(8)
    expect(view.y).toBe(108)
  })

  it('falls back to 1:1 at the origin before the viewport has a size', () => {
    expect(fitView({ width: 100, height: 50 }, { width: 0, height: 0 })).toEqual({
      scale: 1,
      x: 0,
      y: 0,
    })
  })
})

describe('stage and photo coordinates', () => {
  const view = { scale: 2, x: 30, y: -10 }

  it('maps a photo point to the stage by scale then offset', () => {
    expect(photoToStage(view, { x: 5, y: 20 })).toEqual({ x: 40, y: 30 })
  })

  it('round-trips stage → photo → stage', () => {
    const stagePoint = { x: 123.5, y: 77.25 }
    const back = photoToStage(view, stageToPhoto(view, stagePoint))
    expect(back.x).toBeCloseTo(stagePoint.x, 12)
    expect(back.y).toBeCloseTo(stagePoint.y, 12)
  })

  it('puts the photo rectangle where its corners are drawn', () => {
    expect(photoRectOnStage(view, { width: 100, height: 40 })).toEqual({
      x: 30,
      y: -10,
      width: 200,
      height: 80,
    })
  })
})

describe('zoom', () => {
  const limits = { min: 0.25, max: 8 }

  it('keeps the photo point under the pointer fixed', () => {
    const view = { scale: 0.5, x: 20, y: 40 }
    const pointer = { x: 220, y: 140 }
    const before = stageToPhoto(view, pointer)
    const zoomed = zoomAboutPoint(view, pointer, 1.5, limits)
    expect(zoomed.scale).toBe(1.5)
    const after = stageToPhoto(zoomed, pointer)
    expect(after.x).toBeCloseTo(before.x, 9)
    expect(after.y).toBeCloseTo(before.y, 9)
    // By hand: photo point (400, 200) stays at (220, 140) → x = 220 - 400 × 1.5.
    expect(zoomed.x).toBeCloseTo(-380, 9)
    expect(zoomed.y).toBeCloseTo(-160, 9)
  })

  it('stops at the limits and still keeps the pointer fixed', () => {
    const view = { scale: 4, x: 0, y: 0 }
    const zoomed = zoomAboutPoint(view, { x: 100, y: 100 }, 50, limits)
    expect(zoomed.scale).toBe(8)
    expect(stageToPhoto(zoomed, { x: 100, y: 100 })).toEqual({ x: 25, y: 25 })
    expect(zoomAboutPoint(view, { x: 0, y: 0 }, 0.01, limits).scale).toBe(0.25)
  })

  it('derives limits from the fitted scale', () => {
    expect(zoomLimits(0.2)).toEqual({ min: 0.1, max: 8 })
    expect(zoomLimits(1)).toEqual({ min: 0.5, max: 16 })
    expect(clampScale(100, zoomLimits(1))).toBe(16)
  })

  it('turns wheel notches into zoom factors: down zooms out, up zooms in, bursts capped', () => {
    expect(wheelZoomFactor(100, false)).toBeCloseTo(Math.exp(-0.2), 12)
    expect(wheelZoomFactor(-100, false)).toBeCloseTo(Math.exp(0.2), 12)
    expect(wheelZoomFactor(-10, true)).toBeCloseTo(Math.exp(0.1), 12)
    expect(wheelZoomFactor(-10_000, false)).toBeCloseTo(Math.exp(0.5), 12)
  })

  it('zooms on a mouse wheel or trackpad pinch, pans on a two-finger scroll or Shift', () => {
    expect(wheelIntent({ deltaX: 0, ctrlKey: false, shiftKey: false })).toBe('zoom')
    expect(wheelIntent({ deltaX: 3, ctrlKey: true, shiftKey: false })).toBe('zoom')
    expect(wheelIntent({ deltaX: -2, ctrlKey: false, shiftKey: false })).toBe('pan')
    expect(wheelIntent({ deltaX: 0, ctrlKey: false, shiftKey: true })).toBe('pan')
  })

  it('converts line and page wheel deltas to pixels', () => {
    expect(wheelDeltaPixels(3, 0, 800)).toBe(3)
    expect(wheelDeltaPixels(3, 1, 800)).toBe(48)
    expect(wheelDeltaPixels(1, 2, 800)).toBe(800)
  })
})

describe('pinch', () => {
  const limits = { min: 0.1, max: 10 }
  const start = { first: { x: 100, y: 200 }, second: { x: 200, y: 200 } }

  it('measures the midpoint and distance of two touches', () => {
    expect(touchMidpoint(start)).toEqual({ x: 150, y: 200 })
    expect(touchDistance({ first: { x: 0, y: 0 }, second: { x: 30, y: 40 } })).toBe(50)
  })

  it('scales by the ratio of finger distances about the midpoint', () => {
    const view = { scale: 1, x: 0, y: 0 }
    // Fingers spread symmetrically to twice the distance: midpoint (150, 200) stays put.
    const now = { first: { x: 50, y: 200 }, second: { x: 250, y: 200 } }
    const next = pinchView(view, start, now, limits)
    expect(next.scale).toBe(2)
    expect(next.x).toBe(-150)
    expect(next.y).toBe(-200)
    expect(stageToPhoto(next, { x: 150, y: 200 })).toEqual({ x: 150, y: 200 })
  })

  it('lets the photo follow the midpoint when both fingers move together', () => {
    const view = { scale: 0.5, x: 10, y: 20 }
    const moved = { first: { x: 130, y: 240 }, second: { x: 230, y: 240 } }
    const next = pinchView(view, start, moved, limits)
    expect(next.scale).toBe(0.5)
    expect(next.x).toBe(40)
    expect(next.y).toBe(60)
  })

  it('keeps the photo point under the starting midpoint under the current midpoint', () => {
    const view = { scale: 0.8, x: -30, y: 12 }
    const now = { first: { x: 20, y: 90 }, second: { x: 260, y: 150 } }
    const startPoint = stageToPhoto(view, touchMidpoint(start))
    const next = pinchView(view, start, now, limits)
    const nowPoint = stageToPhoto(next, touchMidpoint(now))
    expect(nowPoint.x).toBeCloseTo(startPoint.x, 9)
    expect(nowPoint.y).toBeCloseTo(startPoint.y, 9)
    expect(next.scale).toBeCloseTo((0.8 * Math.hypot(240, 60)) / 100, 12)
  })
})

describe('clampViewToViewport', () => {
  const photo = { width: 1000, height: 500 }
  const viewport = { width: 400, height: 300 }

  it('leaves a view that shows the photo alone', () => {
    const view = { scale: 0.5, x: -100, y: 20 }
    expect(clampViewToViewport(view, photo, viewport)).toEqual(view)
  })

  it('keeps 48 px of the photo on screen when panned far away', () => {
    // Drawn 500×250; far right: x = 400 - 48; far up: y = 48 - 250.
    expect(clampViewToViewport({ scale: 0.5, x: 5000, y: -5000 }, photo, viewport, 48)).toEqual({
      scale: 0.5,
      x: 352,
      y: -202,
    })
    expect(clampViewToViewport({ scale: 0.5, x: -5000, y: 5000 }, photo, viewport, 48)).toEqual({
      scale: 0.5,
      x: -452,
      y: 252,
    })
  })
})
