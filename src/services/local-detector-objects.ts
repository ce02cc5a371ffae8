// What the local endpoint's detector knows, served by the local app server beside the page.
import {
  LOCAL_DETECTOR_OBJECTS_FILE,
  parseKnownObjects,
  type KnownObjectGroup,
} from '../lib/known-objects-list'

/** The detector's object types, grouped; null where the list is not served (not local). */
export async function fetchLocalDetectorObjects(
  fetchList: typeof fetch = fetch,
): Promise<KnownObjectGroup[] | null> {
  try {
    const response = await fetchList(`${import.meta.env.BASE_URL}${LOCAL_DETECTOR_OBJECTS_FILE}`)
    return response.ok ? parseKnownObjects(await response.json()) : null
  } catch {
    return null
  }
}
