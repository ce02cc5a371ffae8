// Runs CenterNet on one letterboxed image: the only code that touches tensors, shared by the
// local endpoint (Node) and the on-device worker (browser). The caller picks the TF.js backend.
import * as tf from '@tensorflow/tfjs-core'
import type { GraphModel } from '@tensorflow/tfjs-converter'
import { CENTERNET_INPUT_SIZE, CENTERNET_OUTPUT, centerNetInput } from './centernet'

/** Returns the raw `tower_0/detections` rows for RGB input pixels (inputSize² × 3 bytes). */
export async function runCenterNet(model: GraphModel, rgb: Uint8Array): Promise<Float32Array> {
  const size = CENTERNET_INPUT_SIZE
  const input = tf.tensor4d(centerNetInput(rgb), [1, size, size, 3])
  try {
    const output = model.execute(input, CENTERNET_OUTPUT) as tf.Tensor
    try {
      return (await output.data()) as Float32Array
    } finally {
      output.dispose()
    }
  } finally {
    input.dispose()
  }
}

/** A mid-grey input: one run compiles the kernels, so the first photo is not the slow one. */
export async function warmUpCenterNet(model: GraphModel): Promise<void> {
  await runCenterNet(
    model,
    new Uint8Array(CENTERNET_INPUT_SIZE * CENTERNET_INPUT_SIZE * 3).fill(114),
  )
}
