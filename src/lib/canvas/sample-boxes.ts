import { labelColor } from './colors'
import type { CanvasBox } from './types'

const SAMPLE_LABELS = ['Person', 'Car', 'Wheel', 'Dog', 'Cat', 'Bird', 'Bicycle', 'Chair', 'Bottle']

/**
 * `count` boxes spread over the photo in a deterministic pattern, for redraw benchmarks: sizes
 * vary and neighbours overlap as detections on a busy street photo do, and labels repeat so
 * toggling one label hides about a ninth of them.
 */
export function sampleBoxes(count: number): CanvasBox[] {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)))
  const cell = 1 / columns
  return Array.from({ length: count }, (_, index) => {
    const column = index % columns
    const row = Math.floor(index / columns)
    const label = SAMPLE_LABELS[index % SAMPLE_LABELS.length] ?? 'Object'
    // Between 0.8 and 1.6 cells wide, so boxes overlap their neighbours by varying amounts.
    const width = Math.min(1 - column * cell, cell * (0.8 + ((index * 37) % 9) / 11))
    const height = Math.min(1 - Math.min(row * cell, 1), cell * (0.8 + ((index * 53) % 7) / 8))
    return {
      id: `sample-${index}`,
      label,
      confidence: 50 + ((index * 31) % 50),
      box: { left: column * cell, top: Math.min(row * cell, 1 - height), width, height },
      color: labelColor(label),
      visible: true,
      edited: index % 10 === 0,
    }
  })
}
