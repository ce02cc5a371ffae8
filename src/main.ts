import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './styles/base.css'

createApp(App).use(createPinia()).mount('#app')

// The service worker is registered after the page has loaded, so its precaching never competes
// with first paint, and its registration code is not part of the startup bundle.
// Builds only (the dev server has none); MODE, not PROD, which follows NODE_ENV (test under Vitest).
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void import('./services/service-worker-registration').then(({ registerServiceWorker }) =>
      registerServiceWorker(),
    )
  })
}
