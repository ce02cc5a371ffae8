import { onScopeDispose } from 'vue'

export interface UnsavedWarningOptions {
  hasUnsavedChanges: () => boolean
  /** Called when the page is hidden, so a pending save starts before the tab may be discarded. */
  flush: () => void
  target?: Window
}

/** Warns before leaving with edits not yet saved, and saves at once when the page is hidden. */
export function useUnsavedWarning({
  hasUnsavedChanges,
  flush,
  target = window,
}: UnsavedWarningOptions) {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedChanges()) return
    event.preventDefault()
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = ''
  }
  const onHidden = () => {
    if (target.document.visibilityState === 'hidden' && hasUnsavedChanges()) flush()
  }
  target.addEventListener('beforeunload', onBeforeUnload)
  target.document.addEventListener('visibilitychange', onHidden)
  onScopeDispose(() => {
    target.removeEventListener('beforeunload', onBeforeUnload)
    target.document.removeEventListener('visibilitychange', onHidden)
  })
}
