// How far along one photo of a multi-photo queue is, as one bar from 0 to 1.

export type QueuePhase =
  'waiting' | 'offline' | 'preparing' | 'uploading' | 'detecting' | 'saving' | 'done' | 'failed'

/**
 * Where each step starts on the bar. Uploading takes the widest span because it is the only
 * step that reports its own progress (bytes sent) and usually the slowest on a phone.
 */
const STEP_START: Record<Exclude<QueuePhase, 'failed' | 'offline'>, number> = {
  waiting: 0,
  preparing: 0.05,
  uploading: 0.15,
  detecting: 0.75,
  saving: 0.92,
  done: 1,
}

/** Progress at the start of `phase`, plus the share of the upload sent while uploading. */
export function queueProgress(phase: QueuePhase, uploadedFraction = 0): number {
  if (phase === 'failed') return 0
  // Offline the bar keeps where it was; the caller does not move it.
  if (phase === 'offline') return 0
  const start = STEP_START[phase]
  if (phase !== 'uploading') return start
  const fraction = Math.min(
    1,
    Math.max(0, Number.isFinite(uploadedFraction) ? uploadedFraction : 0),
  )
  return start + (STEP_START.detecting - start) * fraction
}

export const QUEUE_PHASE_TEXT: Record<QueuePhase, string> = {
  waiting: 'Waiting',
  offline: 'Waiting for the network',
  preparing: 'Preparing',
  uploading: 'Uploading',
  detecting: 'Finding labels',
  saving: 'Saving',
  done: 'Done',
  failed: 'Failed',
}
