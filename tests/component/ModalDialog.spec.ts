// The dialog's own rules, in jsdom: shown modal on mount, focus in on the marked control (never a
// text field on a touch screen), closed by the browser → `close`, focus back to the opener.
// The browser's trapping and Escape are checked end to end (tests/e2e/dialogs.spec.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import ModalDialog from '../../src/components/app/ModalDialog.vue'

/** An opener button and a dialog with a text field, shown while `open` is true. */
const Host = defineComponent({
  props: { focusField: { type: Boolean, default: false } },
  setup(props) {
    const open = ref(false)
    return () => [
      h('button', { id: 'opener', onClick: () => (open.value = true) }, 'Open'),
      open.value
        ? h(ModalDialog, { labelledby: 'title', onClose: () => (open.value = false) }, () => [
            h('h2', { id: 'title' }, 'Name the box'),
            h('input', {
              id: 'field',
              type: 'text',
              value: 'Cat',
              'data-dialog-focus': props.focusField ? '' : undefined,
            }),
            h('button', { id: 'inner', onClick: () => (open.value = false) }, 'Done'),
          ])
        : null,
    ]
  },
})

function pointer(coarse: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: coarse && query === '(pointer: coarse)',
    media: query,
  }))
}

async function openFrom(focusField: boolean) {
  const wrapper = mount(Host, { props: { focusField }, attachTo: document.body })
  const opener = wrapper.get('#opener').element as HTMLButtonElement
  opener.focus()
  await wrapper.get('#opener').trigger('click')
  await nextTick()
  return { wrapper, opener, dialog: () => wrapper.find('dialog') }
}

describe('ModalDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('opens named by its heading, focuses the marked field, and gives focus back on close', async () => {
    pointer(false)
    const { wrapper, opener, dialog } = await openFrom(true)
    expect(dialog().attributes('open')).toBeDefined()
    expect(dialog().attributes('aria-labelledby')).toBe('title')
    expect(document.activeElement?.id).toBe('field')
    expect((document.activeElement as HTMLInputElement).selectionEnd).toBe(3)

    await wrapper.get('#inner').trigger('click')
    await nextTick()
    expect(dialog().exists()).toBe(false)
    expect(document.activeElement).toBe(opener)
  })

  it('focuses the first control when none is marked', async () => {
    pointer(false)
    await openFrom(false)
    expect(document.activeElement?.id).toBe('field')
  })

  it('on a touch screen focuses the dialog, not the text field under the keyboard', async () => {
    pointer(true)
    const { dialog } = await openFrom(true)
    expect(document.activeElement).toBe(dialog().element)
  })

  it('tells its owner when the browser closes it (Escape), and the owner removes it', async () => {
    pointer(false)
    const { opener, dialog } = await openFrom(true)
    ;(dialog().element as HTMLDialogElement).close()
    await nextTick()
    expect(dialog().exists()).toBe(false)
    expect(document.activeElement).toBe(opener)
  })
})
