import { onScopeDispose, ref } from 'vue'

export interface FileIntakeOptions {
  onFile: (file: File) => void
  target?: Window
}

/** Photos pasted anywhere on the page or dropped on it. */
export function useFileIntake({ onFile, target = window }: FileIntakeOptions) {
  const dragging = ref(false)
  let depth = 0

  const hasFiles = (event: DragEvent) =>
    Array.from(event.dataTransfer?.types ?? []).includes('Files')

  const onPaste = (event: ClipboardEvent) => {
    const file = Array.from(event.clipboardData?.files ?? [])[0]
    if (!file) return
    event.preventDefault()
    onFile(file)
  }
  const onDragEnter = (event: DragEvent) => {
    if (!hasFiles(event)) return
    depth += 1
    dragging.value = true
  }
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
  }
  const onDragLeave = () => {
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  const onDrop = (event: DragEvent) => {
    depth = 0
    dragging.value = false
    const file = Array.from(event.dataTransfer?.files ?? [])[0]
    if (!file) return
    event.preventDefault()
    onFile(file)
  }

  target.addEventListener('paste', onPaste)
  target.addEventListener('dragenter', onDragEnter)
  target.addEventListener('dragover', onDragOver)
  target.addEventListener('dragleave', onDragLeave)
  target.addEventListener('drop', onDrop)
  onScopeDispose(() => {
    target.removeEventListener('paste', onPaste)
    target.removeEventListener('dragenter', onDragEnter)
    target.removeEventListener('dragover', onDragOver)
    target.removeEventListener('dragleave', onDragLeave)
    target.removeEventListener('drop', onDrop)
  })
  return { dragging }
}
