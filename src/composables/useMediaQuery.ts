import { onScopeDispose, ref, type Ref } from 'vue'

/** Whether a media query matches, kept up to date; false where matchMedia is missing. */
export function useMediaQuery(
  query: string,
  win: Window | undefined = globalThis.window,
): Ref<boolean> {
  const matches = ref(false)
  if (!win?.matchMedia) return matches
  const list = win.matchMedia(query)
  matches.value = list.matches
  const update = (event: MediaQueryListEvent) => {
    matches.value = event.matches
  }
  list.addEventListener('change', update)
  onScopeDispose(() => list.removeEventListener('change', update))
  return matches
}
