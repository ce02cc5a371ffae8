/**
 * Said in the prerendered start screen when the app's code cannot load (offline before the app was
 * ever cached, a deploy replaced the files mid-load): the page would otherwise say "Loading…"
 * forever. Text only, written into the status line the start screen already has.
 */
export function showStartFailure(page: Document, error: unknown): void {
  const status = page.querySelector('#app [role="status"]') ?? page.body
  const detail = error instanceof Error ? error.message : String(error)
  status.textContent = `Image Labels could not load (${detail}). Check your connection, then reload the page.`
}
