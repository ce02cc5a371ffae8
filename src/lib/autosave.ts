// Saving one photo's analysis document without ever losing an edit: changes are debounced,
// every write is conditional on the ETag this tab last saw, a refused write (another tab saved
// first) is merged three-way with what is stored and written again, and a failed write is
// retried with backoff until it lands. The storage itself is injected (src/aws in the app, a
// fake in tests), so this logic runs and is tested without a network.
import type { AnalysisDocument } from './analysis-document'
import { mergeDocuments } from './document-merge'

export interface SavedVersion {
  document: AnalysisDocument
  etag: string
}

/** Where one photo's document is stored. */
export interface DocumentRemote {
  /** What is stored now with its ETag, or null when nothing is. */
  read(): Promise<SavedVersion | null>
  /**
   * Stores `document` only if the stored ETag is still `etag` (null: only if nothing is
   * stored) and resolves with the new ETag. Rejects with SaveConflictError when the stored
   * document is not the one this tab last saw.
   */
  write(document: AnalysisDocument, etag: string | null): Promise<string>
}

/** The stored document changed since this tab last read or wrote it. */
export class SaveConflictError extends Error {
  override name = 'SaveConflictError'
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'retrying'

export interface SaveState {
  status: SaveStatus
  /** Why the last write failed, while retrying. */
  error: unknown
  /** When the next try starts (ms since the epoch), while retrying. */
  retryAt: number | null
  /** How many writes were merged with another tab's edits since this saver started. */
  merges: number
}

export const SAVE_DEBOUNCE_MS = 800
/** A write refused this many times in a row is treated as a failure and retried later. */
const MAX_MERGE_ROUNDS = 3

/** 1 s, 2 s, 4 s … capped at 30 s: quick after a blip, gentle during an outage. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
}

export interface AutosaveOptions {
  remote: DocumentRemote
  /** The version stored now (null when this photo has no document yet). */
  saved: SavedVersion | null
  debounceMs?: number
  retryDelay?: (attempt: number) => number
  onState?: (state: SaveState) => void
  /** Another tab's edits were merged in: the editor should now show `document`. */
  onMerged?: (document: AnalysisDocument) => void
  now?: () => number
}

export class Autosaver {
  private saved: SavedVersion | null
  /** The newest local document not yet stored; each one contains every earlier edit. */
  private unsaved: AnalysisDocument | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<void> | null = null
  private attempt = 0
  private disposed = false
  private state: SaveState = { status: 'saved', error: null, retryAt: null, merges: 0 }

  constructor(private readonly options: AutosaveOptions) {
    this.saved = options.saved
  }

  get current(): SaveState {
    return this.state
  }

  /** The last version this tab knows to be stored. */
  get lastSaved(): SavedVersion | null {
    return this.saved
  }

  /** Whether leaving now would lose an edit. */
  get hasUnsavedChanges(): boolean {
    return this.unsaved !== null || this.running !== null
  }

  /** The document after a new edit: saved after a quiet moment. */
  change(document: AnalysisDocument): void {
    if (this.disposed) return
    this.unsaved = document
    // A running save picks it up next; a pending retry keeps its backoff, so edits during an
    // outage do not hammer the network.
    if (this.running || this.state.status === 'retrying') return
    this.attempt = 0
    this.setState({ status: 'pending', error: null, retryAt: null })
    this.schedule(this.options.debounceMs ?? SAVE_DEBOUNCE_MS)
  }

  /** Saves now, skipping the debounce or a retry wait; resolves when this round is over. */
  async flush(): Promise<void> {
    this.clearTimer()
    if (this.running) await this.running
    if (this.unsaved && !this.disposed) await this.run()
  }

  /** Stops timers; unsaved changes are dropped (call flush first to keep them). */
  dispose(): void {
    this.disposed = true
    this.clearTimer()
  }

  private setState(patch: Partial<SaveState>) {
    this.state = { ...this.state, ...patch }
    this.options.onState?.(this.state)
  }

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(delayMs: number) {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.run()
    }, delayMs)
  }

  private run(): Promise<void> {
    this.running ??= this.saveAll().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async saveAll(): Promise<void> {
    while (this.unsaved && !this.disposed) {
      const document = this.unsaved
      this.unsaved = null
      this.setState({ status: 'saving', error: null, retryAt: null })
      try {
        await this.store(document)
        this.attempt = 0
      } catch (error) {
        // A newer document already holds this one's edits; otherwise keep this one to retry.
        this.unsaved ??= document
        this.attempt += 1
        const delay = (this.options.retryDelay ?? retryDelayMs)(this.attempt)
        const now = this.options.now?.() ?? Date.now()
        this.setState({ status: 'retrying', error, retryAt: now + delay })
        if (!this.disposed) this.schedule(delay)
        return
      }
    }
    if (!this.disposed) this.setState({ status: 'saved', error: null, retryAt: null })
  }

  private async store(document: AnalysisDocument): Promise<void> {
    const { remote } = this.options
    let mine = document
    let etag = this.saved?.etag ?? null
    let base = this.saved?.document ?? null
    for (let round = 0; ; round += 1) {
      try {
        const written = await remote.write(mine, etag)
        this.saved = { document: mine, etag: written }
        if (mine !== document) this.adoptMerge(document, mine)
        return
      } catch (error) {
        if (!(error instanceof SaveConflictError) || round + 1 >= MAX_MERGE_ROUNDS) throw error
      }
      const theirs = await remote.read()
      if (!theirs) {
        // The stored document is gone (deleted elsewhere): store ours again rather than lose it.
        etag = null
        continue
      }
      // With no common version (both created it), nothing of ours was stored: ours applies on top.
      mine = mergeDocuments(base ?? theirs.document, mine, theirs.document)
      base = theirs.document
      etag = theirs.etag
      this.setState({ merges: this.state.merges + 1 })
    }
  }

  /** Shows the merged document, keeping any edit made while the merge was on its way. */
  private adoptMerge(sent: AnalysisDocument, merged: AnalysisDocument) {
    if (this.unsaved) this.unsaved = mergeDocuments(sent, this.unsaved, merged)
    this.options.onMerged?.(this.unsaved ?? merged)
  }
}
