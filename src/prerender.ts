// The start screen as HTML, rendered once at build time into index.html (scripts/prerender-start-
// screen.ts), so a phone paints the title and the intro before any JavaScript has arrived. The
// app then mounts over it with the same markup (main.ts): nothing moves.
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createPinia } from 'pinia'
import App from './App.vue'

export function renderStartScreen(): Promise<string> {
  return renderToString(createSSRApp(App).use(createPinia()))
}
