import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** Fields that open the on-screen keyboard when focused. */
const TEXT_ENTRY = new Set(['text', 'number', 'search', 'email', 'tel', 'url', 'password'])
const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

function opensKeyboard(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement) return true
  return element instanceof HTMLInputElement && TEXT_ENTRY.has(element.type)
}

function touchFirst(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
}

/**
 * A native `<dialog>` shown with `showModal()` for as long as the component that owns it is
 * mounted: the page behind is inert, Tab stays inside, Escape closes. Focus moves in on open (to
 * the element marked `data-dialog-focus`, else the first control; on a touch screen never into
 * a text field, where the keyboard would pop up over the dialog, but onto the dialog itself) and
 * goes back to whatever had it, the opener, when the dialog goes away.
 *
 * `onClose` is called when the dialog closes itself (Escape, a click on the backdrop); the owner
 * then stops rendering it. Buttons inside may call the owner's close path directly.
 */
export function useModalDialog(dialog: Ref<HTMLDialogElement | null>, onClose: () => void) {
  let opener: HTMLElement | null = null

  function onNativeClose() {
    onClose()
  }

  function onClick(event: MouseEvent) {
    const element = dialog.value
    if (!element || event.target !== element) return
    // A click on the dialog element itself is on its padding or on the backdrop around it.
    const rect = element.getBoundingClientRect()
    const inside =
      event.clientX >= rect.left &&
      event.clientX <= rect.right &&
      event.clientY >= rect.top &&
      event.clientY <= rect.bottom
    if (!inside) onClose()
  }

  let contentWatch: MutationObserver | null = null

  /** Focuses the control to start from; false while the content (an async component) is not in. */
  function focusInside(element: HTMLDialogElement): boolean {
    const target =
      element.querySelector<HTMLElement>('[data-dialog-focus]') ??
      element.querySelector<HTMLElement>(FOCUSABLE)
    if (!target || (touchFirst() && opensKeyboard(target))) {
      element.focus()
      return target !== null
    }
    target.focus()
    if (target instanceof HTMLInputElement && opensKeyboard(target)) target.select()
    return true
  }

  function stopWatching() {
    contentWatch?.disconnect()
    contentWatch = null
  }

  onMounted(() => {
    const element = dialog.value
    if (!element) return
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    element.addEventListener('close', onNativeClose)
    element.addEventListener('click', onClick)
    if (!element.open) element.showModal()
    if (focusInside(element)) return
    // Content that loads after the dialog opens: focus moves in once it arrives, unless the
    // user has moved it already.
    contentWatch = new MutationObserver(() => {
      if (document.activeElement !== element || focusInside(element)) stopWatching()
    })
    contentWatch.observe(element, { childList: true, subtree: true })
  })

  onBeforeUnmount(() => {
    stopWatching()
    const element = dialog.value
    if (element) {
      element.removeEventListener('close', onNativeClose)
      element.removeEventListener('click', onClick)
      // Closed first: while it is modal, everything outside it (the opener too) is inert.
      if (element.open) element.close()
    }
    if (opener?.isConnected) opener.focus()
    opener = null
  })
}
