import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import LabelPanel from '../../src/components/labels/LabelPanel.vue'
import type { useEditorStore } from '../../src/stores/editor'
import { localDetectorObjects } from '../../src/lib/detection/known-objects'
import { useSessionStore } from '../../src/stores/session'
import { catBoxes, catLabels } from '../unit/label-fixtures'
import { openAnalysis } from '../unit/open-analysis'

function setup(threshold = 0) {
  const { pinia, analysis, editor } = openAnalysis(catLabels, catBoxes, threshold)
  const wrapper = mount(LabelPanel, { global: { plugins: [pinia] } })
  return { analysis, store: editor, wrapper }
}

const rowNames = (wrapper: ReturnType<typeof setup>['wrapper'], section: string) =>
  wrapper
    .findAll(`[data-testid="${section}"] [data-testid="label-row"]`)
    .map((row) => row.attributes('data-label'))

const visibleBoxIds = (store: ReturnType<typeof useEditorStore>) =>
  store.canvasBoxes.filter((box) => box.visible).map((box) => box.id)

describe('LabelPanel', () => {
  beforeEach(() => localStorage.clear())

  it('lists Cat among objects with its box count, apart from scene labels', () => {
    const { wrapper } = setup()
    expect(rowNames(wrapper, 'objects')).toEqual(['Cat'])
    expect(rowNames(wrapper, 'scene')).toContain('Indoors')
    expect(rowNames(wrapper, 'scene')).not.toContain('Cat')
    expect(wrapper.get('[data-label="Cat"]').attributes('data-box-count')).toBe('2')
    expect(wrapper.get('[data-label="Cat"]').text()).toContain('97.0 %')
    expect(wrapper.get('[data-label="Kitten"]').text()).toContain(
      'Under: Animal › Cat › Mammal › Pet',
    )
  })

  it('hides a label and its boxes with its checkbox, and shows them again', async () => {
    const { wrapper, store } = setup()
    const toggle = wrapper.get('input[aria-label="Show Cat"]')
    await toggle.setValue(false)
    expect(wrapper.get('[data-label="Cat"]').attributes('data-visible')).toBe('false')
    expect(visibleBoxIds(store)).toEqual([])
    await toggle.setValue(true)
    expect(visibleBoxIds(store)).toEqual(['b1', 'b2'])
  })

  it('hides everything in a category with the group checkbox, in both sections', async () => {
    const { wrapper, store, analysis } = setup()
    const group = wrapper.get(
      '[data-testid="scene"] input[aria-label="Show everything under Animals and Pets in scene and concepts"]',
    )
    await group.setValue(false)
    expect(analysis.state?.hiddenCategories).toEqual(['Animals and Pets'])
    for (const name of ['Animal', 'Mammal', 'Pet', 'Kitten', 'Cat']) {
      const row = wrapper.get(`[data-label="${name}"]`)
      expect(row.attributes('data-visible')).toBe('false')
      // Their own switches stay on: the category hides them, and says so.
      expect(row.attributes('data-switched-on')).toBe('true')
      expect(row.get('[data-testid="hidden-by"]').text()).toBe(
        'Hidden with the Animals and Pets group',
      )
    }
    expect(wrapper.get('[data-label="Indoors"]').attributes('data-visible')).toBe('true')
    expect(visibleBoxIds(store)).toEqual([])
    expect(wrapper.get('#objects-title').text()).toContain('0 boxes')
  })

  it('unticking a parent label hides its children, which show why, and their boxes', async () => {
    const { wrapper, store } = setup()
    await wrapper.get('input[aria-label="Show Animal"]').setValue(false)
    const cat = wrapper.get('[data-label="Cat"]')
    expect(cat.attributes('data-visible')).toBe('false')
    expect(cat.attributes('data-hidden-by')).toBe('Animal')
    expect(cat.get('input[aria-label="Show Cat"]').element).toHaveProperty('checked', true)
    expect(cat.text()).toContain('×0 of 2')
    expect(visibleBoxIds(store)).toEqual([])
  })

  it('groups by parent and hides the children of a parent', async () => {
    const { wrapper, store, analysis } = setup()
    await wrapper.get('input[type="radio"][value="parents"]').setValue(true)
    expect(store.groupMode).toBe('parents')
    const animal = wrapper.get('[data-testid="objects"] [data-group="Animal"]')
    expect(animal.find('[data-label="Cat"]').exists()).toBe(true)
    await animal.get('input[aria-label="Show everything under Animal in objects"]').setValue(false)
    expect(analysis.state?.hiddenLabels).toEqual(['Animal'])
    expect(wrapper.get('[data-label="Cat"]').attributes('data-visible')).toBe('false')
    expect(visibleBoxIds(store)).toEqual([])
  })

  it('filters list and boxes live with the confidence slider', async () => {
    const { wrapper, store } = setup()
    const slider = wrapper.get('input[type="range"]')
    await slider.setValue('90')
    expect(visibleBoxIds(store)).toEqual(['b1'])
    expect(rowNames(wrapper, 'scene')).not.toContain('Kitten')
    expect(wrapper.get('[data-label="Cat"]').attributes('data-box-count')).toBe('1')
    await slider.setValue('99')
    expect(wrapper.findAll('[data-testid="label-row"]')).toHaveLength(0)
    expect(visibleBoxIds(store)).toEqual([])
    expect(wrapper.get('[data-testid="threshold-value"]').text()).toBe('99 %')
  })

  it('hides all and shows all', async () => {
    const { wrapper, store } = setup()
    const buttons = wrapper
      .findAll('button')
      .filter((button) => /^(Show|Hide) all$/.test(button.text()))
    await buttons.find((button) => button.text() === 'Hide all')?.trigger('click')
    expect(wrapper.findAll('[data-visible="true"]')).toHaveLength(0)
    expect(visibleBoxIds(store)).toEqual([])
    await buttons.find((button) => button.text() === 'Show all')?.trigger('click')
    expect(wrapper.findAll('[data-testid="label-row"][data-visible="false"]')).toHaveLength(0)
  })

  it('highlights a label on hover and the label of a hovered box', async () => {
    const { wrapper, store } = setup()
    await wrapper.get('[data-label="Indoors"] button').trigger('mouseenter')
    expect(store.highlightedLabel).toBe('Indoors')
    await wrapper.get('[data-label="Indoors"] button').trigger('mouseleave')
    store.hoverBox('b2')
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-label="Cat"]').attributes('data-highlighted')).toBe('true')
  })

  it('renders label names as text, never as HTML', () => {
    const { pinia } = openAnalysis(
      [
        {
          name: '<img src=x onerror=alert(1)>',
          confidence: 90,
          parents: [],
          aliases: [],
          categories: [],
        },
      ],
      [],
    )
    const wrapper = mount(LabelPanel, { global: { plugins: [pinia] } })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain('<img src=x onerror=alert(1)>')
  })
})

describe('LabelPanel order', () => {
  it('lists the least certain labels first when asked', async () => {
    const { wrapper } = setup()
    expect(rowNames(wrapper, 'scene')[0]).toBe('Animal')
    await wrapper.get('select[aria-label="Order labels"]').setValue('uncertain-first')
    // The least certain label of all (Blur 40 %, no category) leads, then Indoors 60 %.
    expect(rowNames(wrapper, 'scene').slice(0, 2)).toEqual(['Blur', 'Indoors'])
  })
})

describe('LabelPanel when nothing passes the threshold', () => {
  afterEach(() => vi.unstubAllGlobals())
  const config = { region: 'us-east-1', identityPoolId: 'us-east-1:0000', imagesBucket: 'images' }

  it('says how many labels lie below it and shows them with one button', async () => {
    const { wrapper, store } = setup(99)
    const objects = wrapper.get('[data-testid="empty-objects"]')
    expect(objects.text()).toContain('1 object label below 99 %')
    const scene = wrapper.get('[data-testid="empty-scene"]')
    expect(scene.text()).toContain('6 scene labels below 99 %')
    await objects.get('button').trigger('click')
    // Down to Cat's best box (96 %), so Cat is listed again with that box.
    expect(store.threshold).toBe(96)
    expect(rowNames(wrapper, 'objects')).toEqual(['Cat'])
    expect(wrapper.get('[data-label="Cat"]').attributes('data-box-count')).toBe('1')
    store.setThreshold(99)
    await nextTick()
    await wrapper.get('[data-testid="empty-scene"] button').trigger('click')
    expect(store.threshold).toBe(40)
    expect(rowNames(wrapper, 'scene')).toContain('Blur')
  })

  it('on the local endpoint, names its detector and lists the 80 objects it knows', async () => {
    // What the local app server serves, built from the detector's own classes.
    const served = JSON.stringify(localDetectorObjects())
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        Promise.resolve(
          url.endsWith('/local-detector-objects.json')
            ? new Response(served)
            : new Response('not here', { status: 404 }),
        ),
      ),
    )
    const { pinia } = openAnalysis([], [], 55)
    useSessionStore(pinia).config = {
      ...config,
      endpoint: 'http://127.0.0.1:4566',
      detector: 'local',
    }
    const wrapper = mount(LabelPanel, { global: { plugins: [pinia] } })
    const objects = wrapper.get('[data-testid="empty-objects"]')
    await vi.waitUntil(() => objects.find('[data-testid="local-detector-objects"] dd').exists())
    expect(objects.text()).toContain('The local detector found no objects at or above 55 %')
    expect(objects.text()).toContain('80 everyday object types')
    const list = objects.get('[data-testid="local-detector-objects"]')
    expect(list.get('summary').text()).toBe('The 80 object types it knows')
    expect(
      list
        .findAll('dd')
        .map((item) => item.text())
        .join(', ')
        .split(', '),
    ).toHaveLength(80)
    expect(objects.text()).not.toContain('Rekognition')
  })

  it('on AWS, says Rekognition found nothing at or above the minimum it was asked for', () => {
    const { pinia } = openAnalysis([], [], 70)
    useSessionStore(pinia).config = config
    const wrapper = mount(LabelPanel, { global: { plugins: [pinia] } })
    const objects = wrapper.get('[data-testid="empty-objects"]')
    expect(objects.text()).toContain('Amazon Rekognition found no objects at or above 70 %')
    expect(objects.text()).toContain('lower the minimum confidence in Settings')
    expect(objects.find('[data-testid="local-detector-objects"]').exists()).toBe(false)
  })
})
