// Runs CenterNet on one letterboxed image: the only place that touches tensors.
import * as tf from '@tensorflow/tfjs-core'
import type { GraphModel } from '@tensorflow/tfjs-converter'
import {
  CENTERNET_INPUT_SIZE,
  CENTERNET_OUTPUT,
  centerNetInput,
} from '../../src/lib/detection/centernet.ts'

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
