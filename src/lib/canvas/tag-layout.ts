import type { StageRect } from './types'

/** One box whose tag is to be placed, in the pixels the tags are drawn in (stage or output). */
export interface TagSubject {
  box: StageRect
  /** From the most to the least informative ("Person 92 %", "92 %"); the first with room wins. */
  texts: readonly string[]
  /** 0–100; null for a box the user drew, which ranks above every detection. */
  confidence: number | null
  selected?: boolean
  hovered?: boolean
  highlighted?: boolean
}

export interface TagLayoutOptions {
  /** The width of a text alone, in the same pixels; the tag adds `padding` on both sides. */
  measure: (text: string) => number
  height: number
  padding: number
  /** Where tags may go: the visible part of the photo, or the whole exported picture. */
  bounds: StageRect
  /** Areas no tag may cover, such as the selected box's handles. */
  obstacles?: readonly StageRect[]
}

export type TagPlacement =
  | { shown: false }
  | {
      shown: true
      rect: StageRect
      text: string
      /**
       * A selected, hovered or highlighted box always gets its tag; `forced` marks one that found
       * no free spot and was put where it overlaps least.
       */
      forced: boolean
    }

const HIDDEN: TagPlacement = { shown: false }
/** Grid cells a few tags wide: a candidate touches at most a handful, whatever the box count. */
const CELL_SIZE = 64

/** Positive-area overlap; tags that only touch along an edge do not collide. */
export function rectsIntersect(a: StageRect, b: StageRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

function overlapArea(a: StageRect, b: StageRect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** Where a tag of `width`×`height` may sit around a box, best first. */
function candidateOrigins(box: StageRect, width: number, height: number): [number, number][] {
  const left = box.x
  const right = box.x + box.width - width
  const top = box.y
  const bottom = box.y + box.height
  return [
    [left, top - height], // above, on the outline: the classic spot, covers nothing of the box
    [left, top], // inside the top-left corner
    [right, top - height],
    [right, top],
    [left, bottom], // below
    [left, bottom - height], // inside the bottom-left corner
    [right, bottom],
    [right, bottom - height],
    [left - width, top], // beside the box
    [box.x + box.width, top],
  ]
}

/**
 * Placed rectangles bucketed by grid cell, so a collision test looks at the few tags near a
 * candidate rather than at every tag placed: the layout stays about O(n log n) for 1000 boxes.
 */
class RectGrid {
  private readonly cells = new Map<number, StageRect[]>()
  private readonly columns: number
  private readonly rows: number

  constructor(private readonly bounds: StageRect) {
    this.columns = Math.max(1, Math.ceil(bounds.width / CELL_SIZE) + 1)
    this.rows = Math.max(1, Math.ceil(bounds.height / CELL_SIZE) + 1)
  }

  add(rect: StageRect): void {
    this.forCells(rect, (key) => {
      const cell = this.cells.get(key)
      if (cell) cell.push(rect)
      else this.cells.set(key, [rect])
    })
  }

  remove(rect: StageRect): void {
    this.forCells(rect, (key) => {
      const cell = this.cells.get(key)
      const at = cell?.indexOf(rect) ?? -1
      if (cell && at >= 0) cell.splice(at, 1)
    })
  }

  collides(rect: StageRect): boolean {
    let hit = false
    this.forCells(rect, (key) => {
      if (hit) return
      hit = this.cells.get(key)?.some((placed) => rectsIntersect(placed, rect)) ?? false
    })
    return hit
  }

  /** Total area `rect` shares with what is placed; a rect in several cells counts once. */
  overlap(rect: StageRect): number {
    const seen = new Set<StageRect>()
    let total = 0
    this.forCells(rect, (key) => {
      for (const placed of this.cells.get(key) ?? []) {
        if (seen.has(placed)) continue
        seen.add(placed)
        total += overlapArea(placed, rect)
      }
    })
    return total
  }

  private forCells(rect: StageRect, visit: (key: number) => void): void {
    const column = (x: number) =>
      Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.bounds.x) / CELL_SIZE)))
    const row = (y: number) =>
      Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.bounds.y) / CELL_SIZE)))
    const lastColumn = column(rect.x + rect.width)
    const lastRow = row(rect.y + rect.height)
    for (let cy = row(rect.y); cy <= lastRow; cy += 1) {
      for (let cx = column(rect.x); cx <= lastColumn; cx += 1) visit(cy * this.columns + cx)
    }
  }
}

function rank(subject: TagSubject): number {
  if (subject.selected) return 3
  if (subject.hovered) return 2
  if (subject.highlighted) return 1
  return 0
}

/** Whole pixels, inside the bounds: tags are drawn crisp, and rounding must not create overlaps. */
function clampedTag(x: number, y: number, width: number, height: number, bounds: StageRect) {
  const minX = Math.ceil(bounds.x)
  const minY = Math.ceil(bounds.y)
  const maxX = Math.floor(bounds.x + bounds.width) - width
  const maxY = Math.floor(bounds.y + bounds.height) - height
  return {
    x: Math.max(minX, Math.min(Math.round(x), maxX)),
    y: Math.max(minY, Math.min(Math.round(y), maxY)),
    width,
    height,
  }
}

type ShownTag = Extract<TagPlacement, { shown: true }>

/** The first of `texts`, at the first spot around the box, that collides with nothing placed. */
function freeSpot(
  subject: TagSubject,
  texts: readonly string[],
  tagWidth: (text: string) => number,
  height: number,
  bounds: StageRect,
  grid: RectGrid,
): ShownTag | null {
  for (const text of texts) {
    const width = tagWidth(text)
    // Wider than the view, a text would be cut; only a box's last resort may be.
    if (width > bounds.width && text !== subject.texts[subject.texts.length - 1]) continue
    for (const [x, y] of candidateOrigins(subject.box, width, height)) {
      const rect = clampedTag(x, y, width, height, bounds)
      if (!grid.collides(rect)) return { shown: true, rect, text, forced: false }
    }
  }
  return null
}

/** For a box that must show its tag: the text and spot that overlap what is placed least. */
function leastOverlap(
  subject: TagSubject,
  tagWidth: (text: string) => number,
  height: number,
  bounds: StageRect,
  grid: RectGrid,
): ShownTag | null {
  let best: ShownTag | null = null
  let bestOverlap = Number.POSITIVE_INFINITY
  for (const text of [...subject.texts].reverse()) {
    const width = tagWidth(text)
    for (const [x, y] of candidateOrigins(subject.box, width, height)) {
      const rect = clampedTag(x, y, width, height, bounds)
      const overlap = grid.overlap(rect)
      if (overlap < bestOverlap) {
        best = { shown: true, rect, text, forced: true }
        bestOverlap = overlap
      }
    }
  }
  return best
}

/**
 * Places every box's tag so that no two tags overlap. Boxes are served in order of importance:
 * the selected box, the hovered one, boxes of the highlighted label, then by confidence (drawn
 * boxes first). First every box, in that order, looks for room for its shortest text ("92 %")
 * at the spots around it, best spot first, so as many boxes as possible are tagged (a selected,
 * hovered or highlighted box tries its longer texts first); then, in the same order, each tagged
 * box takes its longest text that has room at any spot. A box that finds
 * no room goes without a tag, unless it is selected, hovered or highlighted: then it takes the
 * spot that overlaps least (`forced`). Boxes entirely outside the bounds get no tag.
 * Deterministic: equal inputs give equal output, ties broken by input order.
 * Returns one placement per subject, in input order.
 */
export function layoutTags(
  subjects: readonly TagSubject[],
  options: TagLayoutOptions,
): TagPlacement[] {
  const { bounds, height, padding } = options
  const placements: TagPlacement[] = subjects.map(() => HIDDEN)
  const grid = new RectGrid(bounds)
  for (const obstacle of options.obstacles ?? []) grid.add(obstacle)
  const widths = new Map<string, number>()
  const tagWidth = (text: string) => {
    let width = widths.get(text)
    if (width === undefined) {
      width = Math.ceil(options.measure(text)) + 2 * padding
      widths.set(text, width)
    }
    return width
  }
  const order = subjects
    .map((subject, index) => ({
      index,
      subject,
      rank: rank(subject),
      score: subject.confidence ?? Number.POSITIVE_INFINITY,
    }))
    .filter(({ subject }) => rectsIntersect(subject.box, bounds) && subject.texts.length > 0)
    .sort((a, b) => b.rank - a.rank || b.score - a.score || a.index - b.index)

  for (const { index, subject, rank: priority } of order) {
    // A box the user is looking at gets its full text when it has room; others start short.
    const texts = priority > 0 ? subject.texts : subject.texts.slice(-1)
    const placed =
      freeSpot(subject, texts, tagWidth, height, bounds, grid) ??
      (priority > 0 ? leastOverlap(subject, tagWidth, height, bounds, grid) : null)
    if (placed) {
      grid.add(placed.rect)
      placements[index] = placed
    }
  }
  for (const { index, subject } of order) {
    const current = placements[index]
    if (!current?.shown || current.forced || subject.texts.length < 2) continue
    grid.remove(current.rect)
    const longer = subject.texts.slice(0, -1)
    const upgraded = freeSpot(subject, longer, tagWidth, height, bounds, grid) ?? current
    grid.add(upgraded.rect)
    placements[index] = upgraded
  }
  return placements
}
