import { onScopeDispose, toRaw, watch } from 'vue'
import { editForBoxChange, editForHiddenLabels } from '../lib/store-edits'
import { useAnalysisStore } from '../stores/analysis'
import { useAutosaveStore } from '../stores/autosave'

/**
 * Connects the editor to the history: every box change and label switch the analysis store makes
 * becomes an edit in the open document (undoable, autosaved), and undo, redo or another tab's
 * merged edits are shown back in the editor.
 */
export function useAnalysisHistory() {
  const analysis = useAnalysisStore()
  const autosave = useAutosaveStore()

  /** The open document, if it is the analysis the editor shows (not a photo still loading). */
  function documentShown() {
    const document = autosave.document
    return document && document.state.analysis.labels === toRaw(analysis.labels) ? document : null
  }

  const stopEdits = analysis.onEdit((change) => {
    const document = documentShown()
    const edit = document ? editForBoxChange(document.state, change) : null
    if (edit) autosave.commit(edit)
  })

  // Label switches have no event of their own; comparing with the document makes showing the
  // history's own state (below) record nothing.
  watch(
    () => analysis.hiddenLabels,
    (hidden) => {
      const document = documentShown()
      const edit = document ? editForHiddenLabels(document.state, hidden) : null
      if (edit) autosave.commit(edit)
    },
  )

  const stopShown = autosave.onStateShown((state) => {
    analysis.labels = state.analysis.labels
    analysis.boxes = state.analysis.boxes
    analysis.hiddenLabels = new Set(state.hiddenLabels)
    // Keeps the selection only if its box still exists.
    analysis.selectBox(analysis.selectedBoxId)
  })

  onScopeDispose(() => {
    stopEdits()
    stopShown()
  })
}
