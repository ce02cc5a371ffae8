import { computed, onScopeDispose, ref } from 'vue'
import {
  downloadedBytes,
  formatMegabytes,
  totalBytes,
  type ModelFile,
} from '../lib/detection/offline-model'

export type OfflineModelState = 'checking' | 'missing' | 'downloading' | 'ready' | 'failed'

/**
 * The on-device model's offline copy, for Settings: whether it is cached, its size, and a
 * download by bytes. The code that fetches and caches loads on first use, never at startup.
 */
export function useOfflineModel() {
  const state = ref<OfflineModelState>('checking')
  const files = ref<ModelFile[]>([])
  const received = ref<readonly number[]>([])
  const total = computed(() => totalBytes(files.value))
  const loaded = computed(() => downloadedBytes(received.value, total.value))
  const size = computed(() => formatMegabytes(total.value))
  const controller = new AbortController()
  onScopeDispose(() => controller.abort())
  const service = () => import('../services/offline-model')

  async function check() {
    try {
      const { offlineModelFiles, isCachedForOffline } = await service()
      files.value = offlineModelFiles()
      state.value = (await isCachedForOffline(files.value)) ? 'ready' : 'missing'
    } catch {
      state.value = 'failed'
    }
  }

  async function download() {
    if (state.value === 'downloading' || files.value.length === 0) return
    state.value = 'downloading'
    received.value = []
    try {
      const { downloadForOffline } = await service()
      await downloadForOffline(
        files.value,
        (bytes) => {
          received.value = bytes
        },
        controller.signal,
      )
      state.value = 'ready'
    } catch {
      if (!controller.signal.aborted) state.value = 'failed'
    }
  }

  void check()
  return { state, total, loaded, size, download }
}
