import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './styles/base.css'

createApp(App).use(createPinia()).mount('#app')

// The service worker is registered after the page has loaded, so its precaching never competes
// with first paint, and its registration code is not part of the startup bundle.
// Builds only (the dev server has none); MODE, not PROD, which follows NODE_ENV (test under Vitest).
// This code starts after the first frame (src/boot.ts), often once the page has loaded already.
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  const register = () =>
    void import('./services/service-worker-registration').then(({ registerServiceWorker }) =>
      registerServiceWorker(),
    )
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
