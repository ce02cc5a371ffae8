// Detection and preparation settings, remembered in this browser.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import {
  type AppSettings,
  DEFAULT_SETTINGS,
  effectiveDetectionSource,
  normalizeSettings,
  parseStoredSettings,
} from '../lib/detection-settings'
import { useSessionStore } from './session'

export const SETTINGS_STORAGE_KEY = 'image-labels:settings'

function readStored(): string | null {
  try {
    return localStorage.getItem(SETTINGS_STORAGE_KEY)
  } catch {
    return null
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<AppSettings>(parseStoredSettings(readStored()))

  watch(
    settings,
    (value) => {
      try {
        localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(value))
      } catch {
        // Private modes may refuse storage; the settings still apply to this visit.
      }
    },
    { deep: true },
  )

  /** Who labels the next photo: the choice, or the device when there is no AWS config. */
  const detectionSource = computed(() =>
    effectiveDetectionSource(
      settings.value.detectionSource,
      useSessionStore().status !== 'device-only',
    ),
  )

  function update(patch: Partial<AppSettings>) {
    settings.value = normalizeSettings({ ...settings.value, ...patch })
  }

  /** The detection settings' defaults; the chosen detection source is kept. */
  function reset() {
    settings.value = { ...DEFAULT_SETTINGS, detectionSource: settings.value.detectionSource }
  }

  return { settings, detectionSource, update, reset }
})
