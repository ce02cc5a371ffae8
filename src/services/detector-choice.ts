// The detector for the source the user chose, loaded only when chosen: the on-device detector
// (and its worker, TF.js and model) never loads on the Rekognition path, nor Rekognition's on
// the device's.
import type { DetectionSource } from '../lib/detection-settings'
import type { AwsDoor } from './aws-door'
import type { Detector } from './detector'

/** `door` null: the app has no AWS config, so only the device can label. */
export async function loadDetector(
  source: DetectionSource,
  door: Pick<AwsDoor, 'detectLabels'> | null,
): Promise<Detector> {
  if (source === 'rekognition' && door) {
    const { rekognitionDetector } = await import('./rekognition-detector')
    return rekognitionDetector(door)
  }
  const { deviceDetector } = await import('./device-detector')
  return deviceDetector()
}
