// The one photo pipeline with its outside world replaced (mocked S3, a scripted detector, a
// preparation that returns fixed bytes): steps run in order, a rerun repeats only what failed,
// and the saved document holds what the detector said it used and answered, as received.
import { describe, expect, it, vi } from 'vitest'
import type { DetectionSettings } from '../../../src/lib/analysis'
import type { AnalysisDocument } from '../../../src/lib/analysis-document'
import { appError } from '../../../src/lib/app-errors'
import type { DetectLabelsAnswer } from '../../../src/lib/detect-labels-answer'
import type { Detector } from '../../../src/services/detector'
import {
  newJob,
  PipelineFailure,
  runPhotoJob,
  storedPhotoJob,
  type PipelineDeps,
  type PipelineStep,
} from '../../../src/services/photo-pipeline'
import type { PreparedPhoto } from '../../../src/workers/prepare-photo-client'

const asked: DetectionSettings = {
  maxLabels: 20,
  minConfidence: 55,
  imageProperties: true,
  includeCategories: [],
  excludeCategories: [],
}

const answer: DetectLabelsAnswer = {
  Labels: [
    {
      Name: 'Cat',
      Confidence: 96.5,
      Instances: [
        { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.4 }, Confidence: 96.5 },
      ],
      Parents: [{ Name: 'Animal' }],
      Aliases: [],
      Categories: [{ Name: 'Animals and Pets' }],
    },
  ],
  LabelModelVersion: '3.0',
}

function world(
  script: {
    detectFailures?: Error[]
    thumbnailFails?: boolean
    onDevice?: boolean
    uploadFailures?: Error[]
  } = {},
) {
  const calls: string[] = []
  const saved: AnalysisDocument[] = []
  const failures = [...(script.detectFailures ?? [])]
  const uploadFailures = [...(script.uploadFailures ?? [])]
  const detector: Detector = {
    needsUpload: !script.onDevice,
    detect: (request) => {
      calls.push(`detect ${request.photoKey}`)
      const failure = failures.shift()
      if (failure) return Promise.reject(failure)
      // This source ignores image properties: it says so in the settings it returns.
      return Promise.resolve({ answer, settings: { ...request.settings, imageProperties: false } })
    },
  }
  let uploads = 0
  const deps: PipelineDeps = {
    door: {
      uploadPhoto: (input) => {
        const failure = uploadFailures.shift()
        if (failure) return Promise.reject(failure)
        uploads += 1
        calls.push(`upload ${input.bytes.byteLength}`)
        input.onProgress?.({ loaded: input.bytes.byteLength, total: input.bytes.byteLength })
        return Promise.resolve(`u/guest/photo-${uploads}.jpg`)
      },
      putThumbnail: (key) => {
        calls.push(`thumbnail ${key}`)
        return script.thumbnailFails ? Promise.reject(appError('service-error')) : Promise.resolve()
      },
    },
    detector,
    prepare: (file, fileName, maxMegapixels) => {
      calls.push(`prepare ${fileName} ${maxMegapixels}`)
      const prepared: PreparedPhoto = {
        bytes: new Uint8Array(1234).buffer,
        bitmap: {} as ImageBitmap,
        thumbnail: new Uint8Array(12).buffer,
        width: 640,
        height: 480,
        quality: 0.85,
        sourceWidth: 4000,
        sourceHeight: 3000,
        millis: 5,
      }
      return Promise.resolve(prepared)
    },
    save: (photoKey, document) => {
      calls.push(`save ${photoKey}`)
      saved.push(document)
      return Promise.resolve()
    },
    now: () => new Date('2026-12-07T10:00:00.000Z'),
    deviceKey: () => 'device/kept.jpg',
  }
  return { calls, saved, deps }
}

const run = { settings: asked, maxMegapixels: 3.7 }

describe('photo pipeline (mocked S3 and detector)', () => {
  it('prepares, uploads, detects and saves once, in that order', async () => {
    const { calls, saved, deps } = world()
    const steps: PipelineStep[] = []
    const result = await runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), deps, {
      ...run,
      onStep: (step) => steps.push(step),
    })
    expect(steps).toEqual(['prepare', 'upload', 'detect', 'save'])
    expect(calls).toEqual([
      'prepare cat.jpg 3.7',
      'upload 1234',
      'detect u/guest/photo-1.jpg',
      'thumbnail u/guest/photo-1.jpg',
      'save u/guest/photo-1.jpg',
    ])
    expect(saved).toHaveLength(1)
    expect(result.document).toBe(saved[0])
    expect(result.thumbnail?.byteLength).toBe(12)
    expect(result.document.photo).toEqual({
      key: 'u/guest/photo-1.jpg',
      width: 640,
      height: 480,
      originalName: 'cat.jpg',
      addedAt: '2026-12-07T10:00:00.000Z',
    })
  })

  it('writes the job record beside the next step, in order, and ends only once it is written', async () => {
    const { calls, deps } = world()
    const written: string[] = []
    const pendingWrites: (() => void)[] = []
    let finished = false
    const job = newJob(new Blob(['x']), 'cat.jpg')
    const result = runPhotoJob(job, deps, {
      ...run,
      // Each write waits until the test lets it finish, as a slow IndexedDB would.
      persist: (done) => {
        const progress = done.detection ? 'labelled' : (done.photoKey ?? 'prepared')
        calls.push(`record ${progress}`)
        return new Promise<void>((resolve) =>
          pendingWrites.push(() => {
            written.push(progress)
            resolve()
          }),
        )
      },
    }).then((value) => {
      finished = true
      return value
    })
    await vi.waitFor(() => expect(calls).toContain('save u/guest/photo-1.jpg'))
    // Upload, detection and the save went ahead while the first write was still going.
    expect(calls).toContain('record prepared')
    expect(calls).toContain('detect u/guest/photo-1.jpg')
    expect(written).toEqual([])
    expect(finished).toBe(false)
    // One write at a time, in the order the steps were done.
    while (pendingWrites.length > 0 || !finished) {
      pendingWrites.shift()?.()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    expect(written[0]).toBe('prepared')
    expect(written.at(-1)).toBe('labelled')
    expect((await result).photoKey).toBe('u/guest/photo-1.jpg')
  })

  it('records the settings the detector used and its answer as received', async () => {
    const { deps } = world()
    const { document } = await runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), deps, run)
    expect(document.settings).toEqual({ ...asked, imageProperties: false })
    expect(document.response).toEqual(answer)
    expect(document.state.analysis.boxes).toHaveLength(1)
    expect(document.state.analysis.boxes[0]?.box).toEqual({
      left: 0.1,
      top: 0.2,
      width: 0.3,
      height: 0.4,
    })
  })

  it('names the failed step, and a rerun repeats only that step', async () => {
    const { calls, deps } = world({ detectFailures: [appError('throttled')] })
    const job = newJob(new Blob(['x']), 'cat.jpg')
    const failure = await runPhotoJob(job, deps, run).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(PipelineFailure)
    expect((failure as PipelineFailure).step).toBe('detect')
    expect((failure as PipelineFailure).error.code).toBe('throttled')
    calls.length = 0
    await runPhotoJob(job, deps, run)
    expect(calls).toEqual([
      'detect u/guest/photo-1.jpg',
      'thumbnail u/guest/photo-1.jpg',
      'save u/guest/photo-1.jpg',
    ])
  })

  it('uploads again when the photo is gone from storage', async () => {
    const { calls, deps } = world({ detectFailures: [appError('photo-not-found')] })
    const job = newJob(new Blob(['x']), 'cat.jpg')
    await expect(runPhotoJob(job, deps, run)).rejects.toBeInstanceOf(PipelineFailure)
    calls.length = 0
    const result = await runPhotoJob(job, deps, run)
    expect(calls.slice(0, 2)).toEqual(['upload 1234', 'detect u/guest/photo-2.jpg'])
    expect(result.photoKey).toBe('u/guest/photo-2.jpg')
  })

  it('a thumbnail that fails costs only the thumbnail', async () => {
    const { deps, saved } = world({ thumbnailFails: true })
    const result = await runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), deps, run)
    expect(result.thumbnail).toBeNull()
    expect(saved).toHaveLength(1)
  })

  it('labels a stored photo again without preparing or uploading it, keeping when it was added', async () => {
    const { calls, deps } = world()
    const job = storedPhotoJob({
      photoKey: 'u/guest/old.jpg',
      fileName: 'old.jpg',
      photo: { bytes: new Uint8Array(10).buffer, width: 100, height: 80, thumbnail: null },
      addedAt: '2026-01-01T00:00:00.000Z',
    })
    const { document } = await runPhotoJob(job, deps, run)
    expect(calls).toEqual(['detect u/guest/old.jpg', 'save u/guest/old.jpg'])
    expect(document.photo.addedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(document.savedAt).toBe('2026-12-07T10:00:00.000Z')
  })

  it('a cancelled run fails as cancelled, whatever the step threw', async () => {
    const { deps } = world({ detectFailures: [new Error('aborted by the SDK')] })
    const controller = new AbortController()
    controller.abort()
    const failure = await runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), deps, {
      ...run,
      signal: controller.signal,
    }).catch((error: unknown) => error)
    expect((failure as PipelineFailure).error.code).toBe('cancelled')
  })

  it('labels on the device before the upload, then stores photo, thumbnail and analysis', async () => {
    const { calls, deps } = world({ onDevice: true })
    const steps: PipelineStep[] = []
    const result = await runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), deps, {
      ...run,
      onStep: (step) => steps.push(step),
    })
    expect(steps).toEqual(['prepare', 'detect', 'upload', 'save'])
    expect(calls).toEqual([
      'prepare cat.jpg 3.7',
      'detect null',
      'upload 1234',
      'thumbnail u/guest/photo-1.jpg',
      'save u/guest/photo-1.jpg',
    ])
    expect(result.photoKey).toBe('u/guest/photo-1.jpg')
  })

  it('keeps the photo on the device when there is no storage at all', async () => {
    const { calls, deps } = world({ onDevice: true })
    const result = await runPhotoJob(
      newJob(new Blob(['x']), 'cat.jpg'),
      { ...deps, door: null },
      run,
    )
    expect(calls).toEqual(['prepare cat.jpg 3.7', 'detect null', 'save device/kept.jpg'])
    expect(result.photoKey).toBe('device/kept.jpg')
    expect(result.thumbnail).toBeNull()
  })

  it('shows labels made on the device when storage cannot be reached, and only then', async () => {
    const unreachable = world({
      onDevice: true,
      uploadFailures: [appError('endpoint-down')],
    })
    const shownJob = newJob(new Blob(['x']), 'cat.jpg')
    const kept = await runPhotoJob(
      shownJob,
      { ...unreachable.deps, showWhenUnreachable: true },
      run,
    )
    expect(kept.photoKey).toBe('device/kept.jpg')
    expect(unreachable.calls).not.toContain('thumbnail device/kept.jpg')

    // The queue waits for the network instead: the same failure leaves the job to be retried.
    const waiting = world({ onDevice: true, uploadFailures: [appError('offline')] })
    const queued = newJob(new Blob(['x']), 'cat.jpg')
    await expect(runPhotoJob(queued, waiting.deps, run)).rejects.toMatchObject({ step: 'upload' })
    expect(queued.photoKey).toBeNull()
    expect(queued.detection).not.toBeNull()

    // A refusal is not a network problem: the upload step fails and a retry uploads only.
    const refused = world({ onDevice: true, uploadFailures: [appError('access-denied')] })
    const job = newJob(new Blob(['x']), 'cat.jpg')
    await expect(runPhotoJob(job, refused.deps, run)).rejects.toMatchObject({ step: 'upload' })
    await runPhotoJob(job, refused.deps, run)
    expect(refused.calls.filter((call) => call.startsWith('detect'))).toHaveLength(1)
    expect(refused.calls.at(-1)).toBe('save u/guest/photo-1.jpg')

    // Rekognition cannot label without the upload, so there it is a failure.
    const rekognition = world({ uploadFailures: [appError('endpoint-down')] })
    await expect(
      runPhotoJob(newJob(new Blob(['x']), 'cat.jpg'), rekognition.deps, run),
    ).rejects.toMatchObject({ step: 'upload' })
  })
})
