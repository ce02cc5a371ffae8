import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import LabelPanel from '../../src/components/labels/LabelPanel.vue'
import { useAnalysisStore } from '../../src/stores/analysis'
import { catBoxes, catLabels } from '../unit/label-fixtures'

function setup(threshold = 0) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const store = useAnalysisStore()
  store.load(
    { labels: catLabels, boxes: catBoxes, imageProperties: null, labelModelVersion: '3.0' },
    threshold,
  )
  const wrapper = mount(LabelPanel, { global: { plugins: [pinia] } })
  return { store, wrapper }
}

const rowNames = (wrapper: ReturnType<typeof setup>['wrapper'], section: string) =>
  wrapper
    .findAll(`[data-testid="${section}"] [data-testid="label-row"]`)
    .map((row) => row.attributes('data-label'))

const visibleBoxIds = (store: ReturnType<typeof useAnalysisStore>) =>
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

  it('hides everything under a category with the group checkbox', async () => {
    const { wrapper, store } = setup()
    const group = wrapper.get(
      '[data-testid="scene"] input[aria-label="Show everything under Animals and Pets"]',
    )
    await group.setValue(false)
    for (const name of ['Animal', 'Mammal', 'Pet', 'Kitten']) {
      expect(wrapper.get(`[data-label="${name}"]`).attributes('data-visible')).toBe('false')
    }
    expect(wrapper.get('[data-label="Indoors"]').attributes('data-visible')).toBe('true')
    // The boxed Cat sits in the objects section: its own group there still shows it.
    expect(store.isLabelVisible('Cat')).toBe(true)
  })

  it('groups by parent and hides the children of a parent', async () => {
    const { wrapper, store } = setup()
    await wrapper.get('input[type="radio"][value="parents"]').setValue(true)
    expect(store.groupMode).toBe('parents')
    const animal = wrapper.get('[data-testid="objects"] [data-group="Animal"]')
    expect(animal.find('[data-label="Cat"]').exists()).toBe(true)
    await animal.get('input[aria-label="Show everything under Animal"]').setValue(false)
    expect(store.isLabelVisible('Cat')).toBe(false)
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
    const pinia = createPinia()
    setActivePinia(pinia)
    const store = useAnalysisStore()
    store.load(
      {
        labels: [
          {
            name: '<img src=x onerror=alert(1)>',
            confidence: 90,
            parents: [],
            aliases: [],
            categories: [],
          },
        ],
        boxes: [],
        imageProperties: null,
        labelModelVersion: '',
      },
      0,
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
    expect(rowNames(wrapper, 'scene')[0]).toBe('Kitten')
  })
})
