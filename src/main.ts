import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './styles/base.css'

createApp(App).use(createPinia()).mount('#app')

// The service worker (src/sw/) opens the app offline and receives shared photos. It is
// registered after the page has loaded, so its precaching never competes with first paint.
// Builds only (the dev server has none); MODE, not PROD, which follows NODE_ENV (test under Vitest).
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}service-worker.js`, {
        scope: import.meta.env.BASE_URL,
      })
      .catch((error: unknown) => console.warn('No offline support:', error))
  })
}
