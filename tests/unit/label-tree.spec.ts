import { describe, expect, it } from 'vitest'
import {
  buildSections,
  groupByCategory,
  groupByParents,
  labelNamesIn,
  labelRows,
  nearestParent,
  OTHER_CATEGORY,
  splitObjects,
  uncertainFirst,
  type LabelNode,
} from '../../src/lib/label-tree'
import type { DetectedLabel, LabelBox } from '../../src/lib/analysis'
import { createState } from '../../src/lib/edits'
import { visibility } from '../../src/lib/visibility'
import { box, catBoxes, catLabels, label } from './label-fixtures'

const stateOf = (labels: DetectedLabel[], boxes: LabelBox[]) =>
  createState({ labels, boxes, imageProperties: null, labelModelVersion: '3.0' })
const viewOf = (labels: DetectedLabel[], boxes: LabelBox[], threshold: number) =>
  visibility(stateOf(labels, boxes), threshold)

const names = (nodes: LabelNode[]) =>
  nodes.map((node) => (node.type === 'row' ? node.row.name : `[${node.group.name}]`))

describe('labelRows', () => {
  it('keeps labels at or above the threshold, most confident first', () => {
    const rows = labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 60))
    expect(rows.map((row) => row.name)).toEqual([
      'Animal',
      'Cat',
      'Mammal',
      'Pet',
      'Kitten',
      'Indoors',
    ])
  })

  it('counts only the boxes that pass the threshold', () => {
    expect(
      labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 0)).find(
        (row) => row.name === 'Cat',
      )?.boxCount,
    ).toBe(2)
    expect(
      labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 90)).find(
        (row) => row.name === 'Cat',
      )?.boxCount,
    ).toBe(1)
  })

  it('adds a row for a label that exists only as a box the user drew, at any threshold', () => {
    const rows = labelRows(
      catLabels,
      [...catBoxes, box('u1', 'Toy mouse', null)],
      viewOf(catLabels, [...catBoxes, box('u1', 'Toy mouse', null)], 99),
    )
    expect(rows.map((row) => row.name)).toEqual(['Toy mouse'])
    expect(rows[0]?.confidence).toBeNull()
  })

  it('hides everything detected at a threshold of 99', () => {
    expect(labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 99))).toEqual([])
  })
})

describe('splitObjects', () => {
  it('puts labels with boxes apart from scene labels', () => {
    const rows = labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 0))
    const { objects, scene } = splitObjects(rows, new Set(['Cat']))
    expect(objects.map((row) => row.name)).toEqual(['Cat'])
    expect(scene.map((row) => row.name)).toContain('Indoors')
    expect(scene.map((row) => row.name)).not.toContain('Cat')
  })
})

describe('groupByCategory', () => {
  it('groups by the first category and puts uncategorised labels last under Other', () => {
    const groups = groupByCategory(labelRows(catLabels, [], viewOf(catLabels, [], 0)))
    expect(names(groups)).toEqual([
      '[Animals and Pets]',
      '[Buildings and Architecture]',
      `[${OTHER_CATEGORY}]`,
    ])
    const animals = groups[0]
    expect(animals?.type === 'group' && animals.group.children.length).toBe(5)
  })
})

describe('nearestParent', () => {
  it('picks the deepest ancestor, not the first listed', () => {
    const ancestors = new Map(catLabels.map((item) => [item.name, item.parents]))
    expect(nearestParent(['Animal', 'Cat', 'Mammal', 'Pet'], (name) => ancestors.get(name))).toBe(
      'Cat',
    )
    expect(nearestParent([], (name) => ancestors.get(name))).toBeNull()
  })
})

describe('groupByParents', () => {
  it('builds Animal › Mammal › Cat › Kitten with the parents heading groups', () => {
    const tree = groupByParents(labelRows(catLabels, [], viewOf(catLabels, [], 0)), catLabels)
    expect(names(tree)).toContain('[Animal]')
    const animal = tree.find((node) => node.type === 'group' && node.group.name === 'Animal')
    if (animal?.type !== 'group') throw new Error('no Animal group')
    expect(animal.group.row?.confidence).toBe(97)
    expect(labelNamesIn(animal).sort()).toEqual(['Animal', 'Cat', 'Kitten', 'Mammal', 'Pet'])
    const mammal = animal.group.children.find(
      (node) => node.type === 'group' && node.group.name === 'Mammal',
    )
    if (mammal?.type !== 'group') throw new Error('no Mammal group under Animal')
    expect(names(mammal.group.children)).toEqual(['[Cat]'])
  })

  it('heads a group with a parent that did not pass the threshold, without a row of its own', () => {
    const rows = labelRows(catLabels, catBoxes, viewOf(catLabels, catBoxes, 0)).filter(
      (row) => row.name === 'Cat',
    )
    const tree = groupByParents(rows, catLabels)
    expect(names(tree)).toEqual(['[Animal]'])
    const animal = tree[0]
    expect(animal?.type === 'group' && animal.group.row).toBeNull()
    expect(animal && labelNamesIn(animal)).toEqual(['Cat'])
  })
})

describe('buildSections', () => {
  it('counts objects, scene labels and boxes', () => {
    const sections = buildSections(
      stateOf(catLabels, catBoxes),
      viewOf(catLabels, catBoxes, 55),
      'category',
    )
    expect(sections.objectCount).toBe(1)
    expect(sections.boxCount).toBe(1)
    expect(sections.sceneCount).toBe(5)
  })
})

describe('counts follow the one visibility rule', () => {
  it('a row counts its shown boxes apart from all its boxes, and says why it is hidden', () => {
    const state = { ...stateOf(catLabels, catBoxes), hiddenLabels: ['Animal'] }
    const view = visibility(state, 0)
    const cat = labelRows(catLabels, catBoxes, view).find((row) => row.name === 'Cat')
    expect(cat?.boxCount).toBe(2)
    expect(cat?.shownCount).toBe(0)
    expect(cat?.hiddenBy).toEqual({ kind: 'ancestor', name: 'Animal' })
    expect(buildSections(state, view, 'category').boxCount).toBe(0)
  })
})

describe('most certain first', () => {
  it('orders category groups by their best label, not by name', () => {
    const labels = [
      label('Clock', 30.8, [], ['Home and Indoors']),
      label('Person', 92.3, [], ['Person Description']),
      label('Cup', 61.5, [], ['Kitchen and Dining']),
      label('Vase', 70.2, [], ['Home and Indoors']),
    ]
    const boxes = labels.map((item) => box(item.name, item.name, item.confidence))
    const sections = buildSections(stateOf(labels, boxes), viewOf(labels, boxes, 0), 'category')
    expect(names(sections.objects)).toEqual([
      '[Person Description]',
      '[Home and Indoors]',
      '[Kitchen and Dining]',
    ])
    const home = sections.objects[1]
    if (home?.type !== 'group') throw new Error('no category group')
    expect(names(home.group.children)).toEqual(['Vase', 'Clock'])
  })
})

describe('uncertainFirst', () => {
  it('puts the least certain labels first, inside groups too', () => {
    const sections = buildSections(
      stateOf(catLabels, catBoxes),
      viewOf(catLabels, catBoxes, 0),
      'category',
      'uncertain-first',
    )
    // Groups follow their least certain label: Blur 40 (Other), Indoors 60, Kitten 80.
    expect(names(sections.scene)).toEqual([
      `[${OTHER_CATEGORY}]`,
      '[Buildings and Architecture]',
      '[Animals and Pets]',
    ])
    const animals = sections.scene[2]
    if (animals?.type !== 'group') throw new Error('no category group')
    expect(names(animals.group.children)[0]).toBe('Kitten')
  })

  it('orders parent groups by their least certain member', () => {
    const rows = labelRows(catLabels, [], viewOf(catLabels, [], 0))
    const tree = uncertainFirst(groupByParents(rows, catLabels))
    expect(names(tree)[0]).toBe('Blur')
  })
})
