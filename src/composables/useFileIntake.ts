import { onMounted, onScopeDispose, ref } from 'vue'

export interface FileIntakeOptions {
  onFile: (file: File) => void
  /** Several photos dropped or pasted at once (they go to the queue). */
  onFiles?: (files: File[]) => void
  target?: Window
}

/** Photos pasted anywhere on the page or dropped on it. */
export function useFileIntake({ onFile, onFiles, target }: FileIntakeOptions) {
  const deliver = (files: File[]) => {
    if (files.length > 1 && onFiles) onFiles(files)
    else if (files[0]) onFile(files[0])
  }
  const dragging = ref(false)
  let depth = 0

  const hasFiles = (event: DragEvent) =>
    Array.from(event.dataTransfer?.types ?? []).includes('Files')

  const onPaste = (event: ClipboardEvent) => {
    const files = Array.from(event.clipboardData?.files ?? [])
    if (files.length === 0) return
    event.preventDefault()
    deliver(files)
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
    const files = Array.from(event.dataTransfer?.files ?? [])
    if (files.length === 0) return
    event.preventDefault()
    deliver(files)
  }

  // Listened to from mount on, not during setup: the start screen is also rendered to HTML at
  // build time (src/prerender.ts), where there is no window.
  let listening: Window | null = null
  onMounted(() => {
    listening = target ?? window
    listening.addEventListener('paste', onPaste)
    listening.addEventListener('dragenter', onDragEnter)
    listening.addEventListener('dragover', onDragOver)
    listening.addEventListener('dragleave', onDragLeave)
    listening.addEventListener('drop', onDrop)
  })
  onScopeDispose(() => {
    listening?.removeEventListener('paste', onPaste)
    listening?.removeEventListener('dragenter', onDragEnter)
    listening?.removeEventListener('dragover', onDragOver)
    listening?.removeEventListener('dragleave', onDragLeave)
    listening?.removeEventListener('drop', onDrop)
  })
  return { dragging }
}
