// How the label list is organised: boxed objects apart from scene labels, grouped by
// category or by Rekognition's parent hierarchy, filtered by a confidence threshold.
import type { DetectedLabel, LabelBox } from './analysis'
import type { AnalysisState } from './edits'
import { OTHER_CATEGORY, passesThreshold, type LabelHiddenBy, type Visibility } from './visibility'

export type GroupMode = 'category' | 'parents'
/** Most certain first for reading; least certain first for reviewing what the model doubts. */
export type SortOrder = 'certain-first' | 'uncertain-first'

/** One row of the list: a label with what the user needs to judge it. */
export interface LabelRow {
  name: string
  /** 0–100; null for a label that exists only because the user drew a box with it. */
  confidence: number | null
  parents: string[]
  aliases: string[]
  categories: string[]
  /** Boxes of this label that pass the threshold, shown or not. */
  boxCount: number
  /** Boxes of this label that are drawn: what its count on screen says. */
  shownCount: number
  /** Why this label's boxes are hidden (its own switch, a parent's, its category's), or null. */
  hiddenBy: LabelHiddenBy | null
}

/** A group header (a category or a parent label) with everything beneath it. */
export interface LabelGroup {
  key: string
  name: string
  kind: 'category' | 'parent'
  /** The parent's own row when the parent is itself a detected label. */
  row: LabelRow | null
  children: LabelNode[]
}

export type LabelNode = { type: 'row'; row: LabelRow } | { type: 'group'; group: LabelGroup }

export interface LabelSections {
  objects: LabelNode[]
  scene: LabelNode[]
  objectCount: number
  sceneCount: number
  /** Boxes drawn on the photo. */
  boxCount: number
}

export { OTHER_CATEGORY }

/**
 * Rows for every label that passes the threshold, plus labels that only exist as boxes
 * the user drew or relabelled. Sorted by confidence, most certain first.
 */
export function labelRows(
  labels: DetectedLabel[],
  boxes: LabelBox[],
  view: Visibility,
): LabelRow[] {
  const counts = new Map<string, number>()
  const shown = new Map<string, number>()
  for (const box of boxes) {
    if (!passesThreshold(box.confidence, view.threshold)) continue
    counts.set(box.label, (counts.get(box.label) ?? 0) + 1)
    if (view.isBoxShown(box)) shown.set(box.label, (shown.get(box.label) ?? 0) + 1)
  }
  const rows: LabelRow[] = []
  const known = new Set<string>()
  for (const label of labels) {
    known.add(label.name)
    if (!passesThreshold(label.confidence, view.threshold)) continue
    rows.push({
      name: label.name,
      confidence: label.confidence,
      parents: label.parents,
      aliases: label.aliases,
      categories: label.categories,
      boxCount: counts.get(label.name) ?? 0,
      shownCount: shown.get(label.name) ?? 0,
      hiddenBy: view.labelHiddenBy(label.name),
    })
  }
  for (const [name, boxCount] of counts) {
    if (known.has(name)) continue
    rows.push({
      name,
      confidence: null,
      parents: [],
      aliases: [],
      categories: [],
      boxCount,
      shownCount: shown.get(name) ?? 0,
      hiddenBy: view.labelHiddenBy(name),
    })
  }
  return rows.sort(
    (a, b) => (b.confidence ?? 101) - (a.confidence ?? 101) || a.name.localeCompare(b.name),
  )
}

/** Labels that have boxes (objects) apart from labels for the whole image (scene, concepts). */
export function splitObjects(
  rows: LabelRow[],
  labelsWithBoxes: ReadonlySet<string>,
): { objects: LabelRow[]; scene: LabelRow[] } {
  const objects: LabelRow[] = []
  const scene: LabelRow[] = []
  for (const row of rows) (labelsWithBoxes.has(row.name) ? objects : scene).push(row)
  return { objects, scene }
}

/**
 * Category groups, most certain first: a group stands where its best label would stand in one
 * flat list ("Person 92.3 %" above "Clock 30.8 %", whatever their categories are called).
 */
export function groupByCategory(rows: LabelRow[]): LabelNode[] {
  const groups = new Map<string, LabelGroup>()
  for (const row of rows) {
    const category = row.categories[0] ?? OTHER_CATEGORY
    let group = groups.get(category)
    if (!group) {
      group = {
        key: `category:${category}`,
        name: category,
        kind: 'category',
        row: null,
        children: [],
      }
      groups.set(category, group)
    }
    group.children.push({ type: 'row', row })
  }
  return [...groups.values()]
    .map((group): LabelNode => ({ type: 'group', group }))
    .sort((a, b) => nodeConfidence(b) - nodeConfidence(a) || nodeName(a).localeCompare(nodeName(b)))
}

/**
 * Rekognition lists every ancestor of a label, not only the nearest one. The nearest parent
 * is the ancestor that has the most ancestors itself, as far as this result tells.
 */
export function nearestParent(
  parents: string[],
  ancestorsOf: (name: string) => string[] | undefined,
): string | null {
  let best: string | null = null
  let bestDepth = -1
  for (const parent of parents) {
    const depth = (ancestorsOf(parent) ?? []).filter((name) => parents.includes(name)).length
    if (depth > bestDepth) {
      best = parent
      bestDepth = depth
    }
  }
  return best
}

/**
 * The parent hierarchy as a tree. A parent that passed the threshold heads its group with its
 * own row; a parent that did not (or was never returned) still heads the group, without a row.
 */
export function groupByParents(rows: LabelRow[], allLabels: DetectedLabel[]): LabelNode[] {
  const ancestors = new Map<string, string[]>()
  for (const label of allLabels) ancestors.set(label.name, label.parents)
  for (const row of rows) ancestors.set(row.name, row.parents)
  const ancestorsOf = (name: string) => ancestors.get(name)
  const rowByName = new Map(rows.map((row) => [row.name, row]))

  const groups = new Map<string, LabelGroup>()
  const groupFor = (name: string): LabelGroup => {
    let group = groups.get(name)
    if (!group) {
      group = {
        key: `parent:${name}`,
        name,
        kind: 'parent',
        row: rowByName.get(name) ?? null,
        children: [],
      }
      groups.set(name, group)
    }
    return group
  }
  const parentOf = (name: string) => nearestParent(ancestorsOf(name) ?? [], ancestorsOf)

  // Parents named by a visible row need groups, and so do their own parents, up to the roots.
  const needed = new Set<string>()
  for (const row of rows) {
    let parent = parentOf(row.name)
    const seen = new Set<string>()
    while (parent && !seen.has(parent)) {
      seen.add(parent)
      needed.add(parent)
      parent = parentOf(parent)
    }
  }
  const roots: LabelNode[] = []
  const attach = (name: string, node: LabelNode) => {
    const parent = parentOf(name)
    if (parent && parent !== name) groupFor(parent).children.push(node)
    else roots.push(node)
  }
  for (const name of needed) attach(name, { type: 'group', group: groupFor(name) })
  for (const row of rows) if (!needed.has(row.name)) attach(row.name, { type: 'row', row })
  const order = (nodes: LabelNode[]) => {
    nodes.sort(
      (a, b) => nodeConfidence(b) - nodeConfidence(a) || nodeName(a).localeCompare(nodeName(b)),
    )
    for (const node of nodes) if (node.type === 'group') order(node.group.children)
  }
  order(roots)
  return roots
}

function nodeName(node: LabelNode): string {
  return node.type === 'row' ? node.row.name : node.group.name
}

function nodeConfidence(node: LabelNode): number {
  if (node.type === 'row') return node.row.confidence ?? 101
  return Math.max(node.group.row?.confidence ?? -1, ...node.group.children.map(nodeConfidence))
}

/** Every label name in a node, its own and those beneath it: what a group toggle acts on. */
export function labelNamesIn(node: LabelNode): string[] {
  if (node.type === 'row') return [node.row.name]
  const names = node.group.row ? [node.group.row.name] : []
  for (const child of node.group.children) names.push(...labelNamesIn(child))
  return [...new Set(names)]
}

function lowestConfidence(node: LabelNode): number {
  if (node.type === 'row') return node.row.confidence ?? 101
  return Math.min(node.group.row?.confidence ?? 101, ...node.group.children.map(lowestConfidence))
}

/**
 * Puts the least certain labels first at every level: groups (categories or parents) follow
 * their least certain member.
 */
export function uncertainFirst(nodes: LabelNode[]): LabelNode[] {
  const sorted = [...nodes].sort(
    (a, b) => lowestConfidence(a) - lowestConfidence(b) || nodeName(a).localeCompare(nodeName(b)),
  )
  return sorted.map((node) =>
    node.type === 'row'
      ? node
      : {
          type: 'group',
          group: { ...node.group, children: uncertainFirst(node.group.children) },
        },
  )
}

export function buildSections(
  state: AnalysisState,
  view: Visibility,
  mode: GroupMode,
  order: SortOrder = 'certain-first',
): LabelSections {
  const { labels, boxes } = state.analysis
  const rows = labelRows(labels, boxes, view)
  const withBoxes = new Set(boxes.map((box) => box.label))
  const { objects, scene } = splitObjects(rows, withBoxes)
  const grouped = (part: LabelRow[]) =>
    mode === 'category' ? groupByCategory(part) : groupByParents(part, labels)
  const group = (part: LabelRow[]) =>
    order === 'uncertain-first' ? uncertainFirst(grouped(part)) : grouped(part)
  return {
    objects: group(objects),
    scene: group(scene),
    objectCount: objects.length,
    sceneCount: scene.length,
    boxCount: objects.reduce((sum, row) => sum + row.shownCount, 0),
  }
}
