// Messages between the app and the on-device detection worker.
import type { AppErrorCode } from '../lib/app-errors'
import type { WireDetectLabelsAnswer } from '../lib/detection/detect-labels'
import type { DetectLabelsParams } from '../lib/detection/params'

export type DetectWorkerRequest =
  | { id: number; kind: 'load' }
  /** `bytes`: the prepared JPEG (upright, no EXIF turn), transferred. */
  | { id: number; kind: 'detect'; bytes: ArrayBuffer; params: DetectLabelsParams }

export interface DeviceModelInfo {
  /** The TF.js backend that runs the model, e.g. `webgl` or `wasm-simd`. */
  backend: string
  /** Bytes of the model's JSON and weights as fetched. */
  modelBytes: number
  /** Fetch, backend start, model build and warm-up, the first time only. */
  loadMs: number
}

export type DetectWorkerResponse =
  | ({ id: number; ok: true; kind: 'load' } & DeviceModelInfo)
  | ({
      id: number
      ok: true
      kind: 'detect'
      /** DetectLabels' wire shape. */
      answer: WireDetectLabelsAnswer
      /** Decode, letterbox, model and post-processing for this photo. */
      detectMs: number
    } & DeviceModelInfo)
  | { id: number; ok: false; code: AppErrorCode; detail: string }
