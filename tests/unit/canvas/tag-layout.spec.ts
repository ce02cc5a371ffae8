import { describe, expect, it } from 'vitest'
import { tagTexts } from '../../../src/lib/canvas/tag'
import {
  layoutTags,
  rectsIntersect,
  type TagLayoutOptions,
  type TagPlacement,
  type TagSubject,
} from '../../../src/lib/canvas/tag-layout'
import type { StageRect } from '../../../src/lib/canvas/types'

/** 13 px bold system-ui is about 7.5 px per character; any monotone measure will do. */
const measure = (text: string) => text.length * 7.5
const PHONE: StageRect = { x: 0, y: 0, width: 390, height: 292 }
const DESKTOP: StageRect = { x: 0, y: 0, width: 896, height: 672 }

function options(bounds: StageRect, extra: Partial<TagLayoutOptions> = {}): TagLayoutOptions {
  return { measure, height: 20, padding: 4, bounds, ...extra }
}

/** A seeded generator, so every "random" scene is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Ten players standing shoulder to shoulder across a phone-width photo, overlapping their
 * neighbours, and a ball at their feet: the football photo whose tags piled up.
 */
function footballScene(bounds: StageRect): TagSubject[] {
  const next = random(11)
  const players: TagSubject[] = Array.from({ length: 10 }, (_, index) => {
    const width = bounds.width * (0.11 + next() * 0.05)
    const height = bounds.height * (0.45 + next() * 0.25)
    const confidence = 60 + next() * 39
    return {
      box: {
        x: bounds.x + bounds.width * (0.02 + index * 0.088),
        y: bounds.y + bounds.height * (0.18 + next() * 0.12),
        width,
        height,
      },
      texts: tagTexts('Person', confidence, false),
      confidence,
    }
  })
  const ball: TagSubject = {
    box: {
      x: bounds.x + bounds.width * 0.47,
      y: bounds.y + bounds.height * 0.82,
      width: bounds.width * 0.04,
      height: bounds.width * 0.04,
    },
    texts: tagTexts('Sports Ball', 71.4, false),
    confidence: 71.4,
  }
  return [...players, ball]
}

/** `count` boxes of a few labels at random sizes and places, as a 20 % threshold brings. */
function crowdScene(count: number, bounds: StageRect, seed = 55): TagSubject[] {
  const next = random(seed)
  const labels = ['Person', 'Car', 'Chair', 'Bottle', 'Cup', 'Handbag']
  return Array.from({ length: count }, (_, index) => {
    const width = bounds.width * (0.04 + next() * 0.3)
    const height = bounds.height * (0.04 + next() * 0.3)
    const confidence = 20 + next() * 79
    return {
      box: {
        x: bounds.x + next() * (bounds.width - width),
        y: bounds.y + next() * (bounds.height - height),
        width,
        height,
      },
      texts: tagTexts(labels[index % labels.length] ?? 'Object', confidence, index % 7 === 0),
      confidence,
    }
  })
}

type Shown = Extract<TagPlacement, { shown: true }>

function shownTags(placements: TagPlacement[]): Shown[] {
  return placements.filter((placement): placement is Shown => placement.shown)
}

/** Every pair checked the slow, obvious way: the test must not share the layout's grid. */
function overlappingPairs(placements: TagPlacement[]): string[] {
  const shown = shownTags(placements)
  const pairs: string[] = []
  shown.forEach((first, a) => {
    for (const second of shown.slice(a + 1)) {
      if (rectsIntersect(first.rect, second.rect)) pairs.push(`${first.text} / ${second.text}`)
    }
  })
  return pairs
}

function expectNoOverlaps(placements: TagPlacement[]): void {
  expect(overlappingPairs(placements)).toEqual([])
}

function expectInside(placements: TagPlacement[], bounds: StageRect): void {
  for (const { rect } of shownTags(placements)) {
    expect(rect.x).toBeGreaterThanOrEqual(bounds.x)
    expect(rect.y).toBeGreaterThanOrEqual(bounds.y)
    expect(rect.x + rect.width).toBeLessThanOrEqual(bounds.x + bounds.width)
    expect(rect.y + rect.height).toBeLessThanOrEqual(bounds.y + bounds.height)
  }
}

/** Gap between two rectangles along the axis where they are furthest apart; ≤ 0 when touching. */
function gap(a: StageRect, b: StageRect): number {
  const dx = Math.max(a.x - (b.x + b.width), b.x - (a.x + a.width))
  const dy = Math.max(a.y - (b.y + b.height), b.y - (a.y + a.height))
  return Math.max(dx, dy)
}

describe('layoutTags', () => {
  it('gives a lone box its full tag above its top-left corner', () => {
    const box = { x: 100, y: 100, width: 80, height: 60 }
    const [placement] = layoutTags(
      [{ box, texts: tagTexts('Cat', 97.4, false), confidence: 97.4 }],
      options(PHONE),
    )
    expect(placement).toEqual({
      shown: true,
      text: 'Cat 97 %',
      rect: { x: 100, y: 80, width: Math.ceil(measure('Cat 97 %')) + 8, height: 20 },
      forced: false,
    })
  })

  it('moves a tag inside the box when there is no room above it', () => {
    const box = { x: 100, y: 0, width: 80, height: 60 }
    const [placement] = layoutTags([{ box, texts: ['Cat 97 %'], confidence: 97 }], options(PHONE))
    expect(placement?.shown && placement.rect.y).toBe(0)
  })

  for (const [name, bounds] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
    ['offset viewport', { x: 13.5, y: 40.25, width: 390, height: 292 }],
  ] as const) {
    it(`keeps the eleven football tags apart, inside the view and at their boxes (${name})`, () => {
      const scene = footballScene(bounds)
      const placements = layoutTags(scene, options(bounds))
      expectNoOverlaps(placements)
      expectInside(placements, bounds)
      placements.forEach((placement, index) => {
        const subject = scene[index]
        if (!placement.shown || !subject) return
        // Touching, up to the half pixel that rounding to whole pixels may open.
        expect(gap(placement.rect, subject.box)).toBeLessThanOrEqual(0.5)
        expect(subject.texts).toContain(placement.text)
      })
      // Crowded as they are, most players keep a tag, some shortened to their confidence.
      expect(shownTags(placements).length).toBeGreaterThanOrEqual(8)
    })
  }

  it('shortens tags to the confidence before it leaves any out', () => {
    const placements = layoutTags(footballScene(PHONE), options(PHONE))
    const texts = shownTags(placements).map((tag) => tag.text)
    expect(texts.some((text) => /^\d+ %$/.test(text))).toBe(true)
    expect(texts.some((text) => text.startsWith('Person '))).toBe(true)
  })

  for (const [name, bounds] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`keeps 55 and 1000 tags apart and inside the view (${name})`, () => {
      for (const count of [55, 1000]) {
        const placements = layoutTags(crowdScene(count, bounds), options(bounds))
        expectNoOverlaps(placements)
        expectInside(placements, bounds)
        expect(shownTags(placements).length).toBeGreaterThan(5)
      }
    })
  }

  it('leaves out the less certain of two boxes competing for the only spot', () => {
    const box = { x: 0, y: 0, width: 60, height: 20 }
    const bounds = { x: 0, y: 0, width: 60, height: 20 }
    const placements = layoutTags(
      [
        { box, texts: ['Dog 40 %', '40 %'], confidence: 40 },
        { box, texts: ['Dog 90 %', '90 %'], confidence: 90 },
      ],
      options(bounds),
    )
    expect(placements[0]).toEqual({ shown: false })
    // "Dog 90 %" is wider than the view: the short text is the one that fits.
    expect(placements[1]?.shown && placements[1].text).toBe('90 %')
  })

  it('ranks a box the user drew above every detection', () => {
    const box = { x: 0, y: 0, width: 100, height: 20 }
    const bounds = { x: 0, y: 0, width: 100, height: 20 }
    const placements = layoutTags(
      [
        { box, texts: ['Dog 99 %'], confidence: 99 },
        { box, texts: ['My own mug'], confidence: null },
      ],
      options(bounds),
    )
    expect(placements.map((placement) => placement.shown)).toEqual([false, true])
  })

  it('always tags the selected, hovered and highlighted boxes, without overlaps where there is room', () => {
    const scene = crowdScene(55, PHONE)
    const unprompted = layoutTags(scene, options(PHONE))
    const hiddenIndices = unprompted.flatMap((placement, index) => (placement.shown ? [] : [index]))
    // The scene must hide someone, or this test would prove nothing.
    expect(hiddenIndices.length).toBeGreaterThanOrEqual(3)
    const [selected, hovered] = hiddenIndices
    const prompted = scene.map((subject, index) => ({
      ...subject,
      selected: index === selected,
      hovered: index === hovered,
      highlighted: index === hiddenIndices[2],
    }))
    const placements = layoutTags(prompted, options(PHONE))
    for (const index of hiddenIndices.slice(0, 3)) {
      expect(placements[index]?.shown, `box ${index}`).toBe(true)
    }
    expectNoOverlaps(placements)
  })

  it('gives the selected box the best spot and its full text, before any more certain box', () => {
    const box = { x: 100, y: 100, width: 60, height: 40 }
    const placements = layoutTags(
      [
        { box, texts: tagTexts('Dog', 90, false), confidence: 90 },
        { box, texts: tagTexts('Dog', 40, false), confidence: 40, selected: true },
      ],
      options(PHONE),
    )
    expect(placements[1]).toMatchObject({ shown: true, text: 'Dog 40 %', rect: { x: 100, y: 80 } })
    expect(placements[0]?.shown).toBe(true)
    expectNoOverlaps(placements)
  })

  it('tags every box of a highlighted label, overlapping only where nothing else is possible', () => {
    const bounds = { x: 0, y: 0, width: 200, height: 120 }
    const scene = footballScene(bounds).map((subject) => ({
      ...subject,
      highlighted: subject.texts[0]?.startsWith('Person') ?? false,
    }))
    const placements = layoutTags(scene, options(bounds))
    scene.forEach((subject, index) => {
      if (subject.highlighted) expect(placements[index]?.shown).toBe(true)
    })
    // Two tags overlap only where at least one of them found no free spot and was forced.
    const shown = shownTags(placements)
    expect(shown.some((tag) => tag.forced)).toBe(true)
    for (const tag of shown) {
      for (const other of shown) {
        if (other === tag || !rectsIntersect(tag.rect, other.rect)) continue
        expect(tag.forced || other.forced).toBe(true)
      }
    }
  })

  it('keeps tags off the obstacles it is given, such as handles', () => {
    const box = { x: 100, y: 100, width: 80, height: 60 }
    const handle = { x: 86, y: 74, width: 24, height: 24 }
    const [placement] = layoutTags(
      [{ box, texts: ['Cat 97 %'], confidence: 97, selected: true }],
      options(PHONE, { obstacles: [handle] }),
    )
    expect(placement?.shown).toBe(true)
    if (placement?.shown) {
      expect(rectsIntersect(placement.rect, handle)).toBe(false)
      expect(placement.forced).toBe(false)
    }
  })

  it('gives no tag to a box outside the view, selected or not', () => {
    const placements = layoutTags(
      [
        { box: { x: 500, y: 10, width: 40, height: 40 }, texts: ['Cat'], confidence: 90 },
        {
          box: { x: -80, y: 10, width: 40, height: 40 },
          texts: ['Dog'],
          confidence: 90,
          selected: true,
        },
      ],
      options(PHONE),
    )
    expect(placements).toEqual([{ shown: false }, { shown: false }])
  })

  it('keeps the tag of a box cut by the edge of the view inside the view', () => {
    const [placement] = layoutTags(
      [{ box: { x: 350, y: -30, width: 120, height: 80 }, texts: ['Car 88 %'], confidence: 88 }],
      options(PHONE),
    )
    expectInside(placement ? [placement] : [], PHONE)
    expect(placement?.shown).toBe(true)
  })

  it('is deterministic, and a box keeps its tag whatever order the boxes come in', () => {
    const scene = crowdScene(55, PHONE)
    const first = layoutTags(scene, options(PHONE))
    expect(layoutTags(scene, options(PHONE))).toEqual(first)
    const order = scene.map((_, index) => index).reverse()
    const reversed = layoutTags(
      order.map((index) => scene[index] as TagSubject),
      options(PHONE),
    )
    order.forEach((original, position) => expect(reversed[position]).toEqual(first[original]))
  })

  it('measures each distinct text once', () => {
    const seen = new Map<string, number>()
    const counting = (text: string) => {
      seen.set(text, (seen.get(text) ?? 0) + 1)
      return measure(text)
    }
    layoutTags(crowdScene(200, PHONE), options(PHONE, { measure: counting }))
    expect(Math.max(...seen.values())).toBe(1)
  })
})
