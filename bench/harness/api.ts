// What the bench harness page offers the bench (through page.evaluate), and what it answers.
import type { RedrawBenchmarkResult } from '../../src/components/canvas/redraw-benchmark.ts'
import type { RuntimeConfig } from '../../src/lib/runtime-config.ts'

export interface LongTasks {
  /** Longest main-thread task overlapping the measured span; 0 when none reached 50 ms. */
  longestMs: number
  count: number
}

export interface PrepareRun {
  /** preparePhoto() called → prepared photo back on the main thread. */
  totalMs: number
  /** The worker's own figure: decode, scale and encode. */
  workerMs: number
  longTasks: LongTasks
  outputBytes: number
  width: number
  height: number
  quality: number
}

export interface UploadDetectRun {
  prepareMs: number
  uploadMs: number
  detectMs: number
  totalMs: number
  uploadedBytes: number
  labelCount: number
  boxCount: number
  longTasks: LongTasks
}

export interface DeviceDetectRun {
  /** The first call: worker start, TF.js, backend, model fetch and warm-up, and the photo. */
  firstUseMs: number
  /** Later calls, each from the call to the answer on the main thread. */
  detectMs: number[]
  backend: string
  modelBytes: number
  labelCount: number
  /** The prepared photo's size. */
  width: number
  height: number
}

export interface HarnessApi {
  detectOnDevice(photoUrl: string, runs: number): Promise<DeviceDetectRun>
  prepare(photoUrl: string): Promise<PrepareRun>
  /** Starts the preparation worker, as the app does while the user chooses a photo. */
  startWorker(): void
  redraw(boxCount: number, rounds: number): Promise<RedrawBenchmarkResult>
  uploadAndDetect(
    photoUrl: string,
    config: RuntimeConfig,
    path: 'prepared' | 'original',
  ): Promise<UploadDetectRun>
}

declare global {
  interface Window {
    imageLabelsBench?: HarnessApi
  }
}
