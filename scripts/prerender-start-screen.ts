// A Vite plugin that writes the start screen's first frame into index.html at build time, and
// starts the app only after that frame is painted.
//
// Why: the page used to stay blank until the startup chunk had arrived and run (Lighthouse's
// simulated phone: about 1.3 s). Vue renders the same components to HTML once, in a separate
// server-side build of src/prerender.ts; the browser paints that with the stylesheet alone, and
// the app's own mount replaces it with identical markup (same scoped-style ids: same sources,
// same production mode). Where the startup chunk is at hand early (a fast network, the service
// worker's cache), the browser would run it before painting anything; so the page's script tag
// for it gives way to a small first script (src/boot.ts) that loads it after the first frame.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { build, type Plugin } from 'vite'

const MOUNT_POINT = '<div id="app"></div>'

interface StartScreenModule {
  renderStartScreen(): Promise<string>
}

async function renderWithVue(
  root: string,
  entry: string,
  define: Record<string, string>,
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'image-labels-prerender-'))
  try {
    await build({
      configFile: false,
      root,
      mode: 'production',
      logLevel: 'warn',
      plugins: [vue()],
      define,
      // Vue, Pinia and the app in one file: the output lives outside the project's node_modules.
      ssr: { noExternal: true },
      build: {
        ssr: entry,
        outDir,
        emptyOutDir: true,
        minify: false,
        // One file: the lazily loaded components are never rendered here, and a build in the same
        // process as the app's own once left the shared runtime chunk short of an export.
        rolldownOptions: { output: { entryFileNames: 'start-screen.mjs', codeSplitting: false } },
      },
    })
    const url = pathToFileURL(join(outDir, 'start-screen.mjs')).href
    const rendered = (await import(url)) as StartScreenModule
    return await rendered.renderStartScreen()
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

/** index.html's script tag for the startup chunk, as Vite writes it. */
const ENTRY_SCRIPT = /<script type="module" crossorigin src="([^"]+)"><\/script>/

export function prerenderStartScreen(options: {
  /** The module that renders the start screen to HTML (src/prerender.ts). */
  entry: string
  /** The page's first script, which starts the app after the first frame (src/boot.ts). */
  boot: string
  define: Record<string, string>
}): Plugin {
  let root = process.cwd()
  return {
    name: 'prerender-start-screen',
    // The app's client build only: not the dev server, not Vitest, not the server build it runs.
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    configResolved(config) {
      root = config.root
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: options.boot, name: 'boot' })
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        if (!html.includes(MOUNT_POINT)) {
          throw new Error(`index.html has no empty ${MOUNT_POINT} to render the start screen into`)
        }
        const entry = ENTRY_SCRIPT.exec(html)
        const bootFile = Object.values(context.bundle ?? {}).find(
          (output) =>
            output.type === 'chunk' &&
            output.isEntry &&
            output.facadeModuleId?.endsWith(options.boot),
        )?.fileName
        if (!entry || !bootFile) {
          throw new Error(
            'the build gave index.html no startup script, or no boot script, to order',
          )
        }
        const markup = await renderWithVue(root, options.entry, options.define)
        const base = entry[1]?.slice(0, entry[1].lastIndexOf('/assets/') + 1) ?? '/'
        return html
          .replace(
            entry[0],
            `<script type="module" crossorigin src="${base}${bootFile}" data-app-entry="${entry[1]}"></script>`,
          )
          .replace(MOUNT_POINT, `<div id="app">${markup}</div>`)
      },
    },
  }
}
