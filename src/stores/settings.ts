// Detection and preparation settings, remembered in this browser.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import {
  type AppSettings,
  DEFAULT_SETTINGS,
  normalizeSettings,
  parseStoredSettings,
} from '../lib/detection-settings'

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

  function update(patch: Partial<AppSettings>) {
    settings.value = normalizeSettings({ ...settings.value, ...patch })
  }

  function reset() {
    settings.value = { ...DEFAULT_SETTINGS }
  }

  return { settings, update, reset }
})
