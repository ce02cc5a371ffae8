// The service worker (src/sw/) opens the app offline and receives shared photos.

export function registerServiceWorker(): void {
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}service-worker.js`, { scope: import.meta.env.BASE_URL })
    .catch((error: unknown) => console.warn('No offline support:', error))
}
