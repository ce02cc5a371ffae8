// The list of objects the local detector knows, as the local app server hands it to the browser
// (built by src/lib/detection/known-objects.ts there, so the taxonomy stays out of the bundle).

/** Served beside config.json by `npm start` only: no other copy has the local detector. */
export const LOCAL_DETECTOR_OBJECTS_FILE = 'local-detector-objects.json'

export interface KnownObjectGroup {
  category: string
  names: string[]
}

/** The served list, checked; null for anything else. */
export function parseKnownObjects(raw: unknown): KnownObjectGroup[] | null {
  if (!Array.isArray(raw)) return null
  const groups: KnownObjectGroup[] = []
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) return null
    const { category, names } = item as Record<string, unknown>
    if (typeof category !== 'string' || !Array.isArray(names)) return null
    if (!names.every((name): name is string => typeof name === 'string')) return null
    groups.push({ category, names })
  }
  return groups
}
