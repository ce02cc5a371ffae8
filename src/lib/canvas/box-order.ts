import type { NormalizedBox } from '../geometry'

/** A box as the keyboard steps through it: its id and where it is on the photo. */
export interface OrderedBox {
  id: string
  box: NormalizedBox
}

/**
 * The order ] and [ visit boxes in: reading order, top to bottom and then left to right by each
 * box's top-left corner, so the order is the same whatever the label list's grouping or sort.
 * Ties fall back to the id, so the order never depends on how the boxes were listed.
 */
export function readingOrder<T extends OrderedBox>(boxes: readonly T[]): T[] {
  return [...boxes].sort(
    (a, b) =>
      a.box.top - b.box.top || a.box.left - b.box.left || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/**
 * The id a step of `direction` (1 for next, -1 for previous) lands on from `currentId`, going
 * round the ends. With nothing selected (or a box no longer there), next is the first box and
 * previous the last; with no boxes, nothing.
 */
export function stepThroughBoxes(
  boxes: readonly OrderedBox[],
  currentId: string | null,
  direction: 1 | -1,
): string | null {
  const ordered = readingOrder(boxes)
  if (ordered.length === 0) return null
  const index = ordered.findIndex((box) => box.id === currentId)
  const next =
    index === -1
      ? direction === 1
        ? 0
        : ordered.length - 1
      : (index + direction + ordered.length) % ordered.length
  return ordered[next]?.id ?? null
}
