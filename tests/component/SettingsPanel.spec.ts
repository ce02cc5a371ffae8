import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import SettingsPanel from '../../src/components/settings/SettingsPanel.vue'
import { SETTINGS_STORAGE_KEY, useSettingsStore } from '../../src/stores/settings'

function mountPanel(props: { canDetectAgain?: boolean } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  return {
    wrapper: mount(SettingsPanel, { props, global: { plugins: [pinia] } }),
    store: useSettingsStore(),
  }
}

describe('SettingsPanel', () => {
  beforeEach(() => localStorage.clear())

  it('changes the settings and remembers them in this browser', async () => {
    const { wrapper, store } = mountPanel()
    await wrapper.get('#setting-max-labels').setValue('20')
    await wrapper.get('#setting-min-confidence').setValue('70')
    await wrapper.get('#setting-image-properties').setValue(false)
    await wrapper.get('#setting-include').setValue('Animals and Pets, Vehicles and Automotive')
    await wrapper.get('#setting-megapixels').setValue('2')
    await nextTick()
    expect(store.settings).toMatchObject({
      maxLabels: 20,
      minConfidence: 70,
      imageProperties: false,
      includeCategories: ['Animals and Pets', 'Vehicles and Automotive'],
      maxMegapixels: 2,
    })
    const stored = JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}') as Record<
      string,
      unknown
    >
    expect(stored.maxLabels).toBe(20)

    // A later visit (a fresh store) reads them back.
    const again = mountPanel()
    expect(again.store.settings.minConfidence).toBe(70)
    expect((again.wrapper.get('#setting-include').element as HTMLInputElement).value).toBe(
      'Animals and Pets, Vehicles and Automotive',
    )
  })

  it('keeps values inside what DetectLabels accepts', async () => {
    const { wrapper, store } = mountPanel()
    await wrapper.get('#setting-max-labels').setValue('5000')
    await wrapper.get('#setting-min-confidence').setValue('-5')
    expect(store.settings.maxLabels).toBe(1000)
    expect(store.settings.minConfidence).toBe(0)
  })

  it('offers “Detect again” only when there is an uploaded photo, and a Close button', async () => {
    const withoutPhoto = mountPanel()
      .wrapper.findAll('button')
      .map((button) => button.text())
    expect(withoutPhoto).not.toContain('Detect again')
    const { wrapper } = mountPanel({ canDetectAgain: true })
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Detect again')
      ?.trigger('click')
    expect(wrapper.emitted('detectAgain')).toHaveLength(1)
    // Escape belongs to the dialog around the panel (ModalDialog.spec.ts).
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Close')
      ?.trigger('click')
    expect(wrapper.emitted('close')).toHaveLength(1)
  })

  it('puts the defaults back', async () => {
    const { wrapper, store } = mountPanel()
    await wrapper.get('#setting-max-labels').setValue('7')
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Defaults')
      ?.trigger('click')
    expect(store.settings.maxLabels).toBe(50)
  })
})
