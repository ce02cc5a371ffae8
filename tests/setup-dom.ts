// jsdom has no 2D canvas; Konva needs one to construct a stage in component tests.
import 'vitest-canvas-mock'

// jsdom 29 has HTMLDialogElement without showModal() or close(). The browser's own dialog
// (top layer, inert page, focus trap) is tested end to end; here the open state and the close
// event are enough for components that show one.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '')
    },
    show(this: HTMLDialogElement) {
      this.setAttribute('open', '')
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    },
  })
}
