// The page's first script. index.html already holds the start screen (rendered at build time by
// scripts/prerender-start-screen.ts); this lets the browser paint it, then loads and runs the
// startup chunk. Without the wait a phone shows a blank page until that chunk has arrived, been
// parsed, run and rendered; with it the start screen shows as soon as the stylesheet is in, and
// the chunk (33 KiB) follows one frame later.

/**
 * Said in the start screen's status line when the app's code cannot load (offline before the app
 * was ever cached, a deploy replaced the files mid-load): it would otherwise say "Loading…"
 * forever. Text only.
 */
function showStartFailure(detail: string): void {
  const status = document.querySelector('#app [role="status"]') ?? document.body
  status.textContent = `Image Labels could not load (${detail}). Check your connection, then reload the page.`
}

/** The build names the startup chunk in this attribute of the page's script tag. */
const APP_ENTRY_ATTRIBUTE = 'data-app-entry'

/**
 * Resolves once the first frame is on screen: a frame's callbacks run before it is painted, so
 * the next frame's are the first to run after it. Hidden tabs get no frames: the timeout.
 */
function afterFirstFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 200)
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(fallback)
        resolve()
      }),
    )
  })
}

function startApp(): void {
  const source = document
    .querySelector(`script[${APP_ENTRY_ATTRIBUTE}]`)
    ?.getAttribute(APP_ENTRY_ATTRIBUTE)
  if (!source) {
    showStartFailure('the page names no app script')
    return
  }
  const script = document.createElement('script')
  script.type = 'module'
  script.crossOrigin = 'anonymous'
  script.src = source
  script.addEventListener('error', () => showStartFailure(`${source} did not load`))
  document.head.append(script)
}

void afterFirstFrame().then(startApp)
