// Rekognition DetectLabels as a detection source: it reads the uploaded photo from S3.
import { appError } from '../lib/app-errors'
import type { AwsDoor } from './aws-door'
import { copySettings, type Detection, type DetectionRequest, type Detector } from './detector'

export function rekognitionDetector(door: Pick<AwsDoor, 'detectLabels'>): Detector {
  return {
    needsUpload: true,
    async detect(request: DetectionRequest): Promise<Detection> {
      if (!request.photoKey) throw appError('photo-not-found', 'the photo was not uploaded')
      const settings = copySettings(request.settings)
      const answer = await door.detectLabels(request.photoKey, settings, request.signal)
      // DetectLabels applies every setting it is given (they were validated against its limits).
      return { answer, settings }
    },
  }
}
