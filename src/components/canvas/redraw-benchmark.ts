import { sampleBoxes } from '../../lib/canvas/sample-boxes'
import { BoxEditor } from './BoxEditor'

export interface RedrawBenchmarkOptions {
  /** Filled by the stage; give it the size of the viewport to measure (e.g. 390×844). */
  container: HTMLElement
  boxCount: number
  photoWidth?: number
  photoHeight?: number
  /** Timed redraws per measure; the median is reported. */
  rounds?: number
}

export interface RedrawBenchmarkResult {
  boxCount: number
  pixelRatio: number
  /** The box layer's visible canvas (boxes, tags, handles): one frame of a box drag or resize. */
  dragFrameMs: number
  /** Photo and box layers' visible canvases: one frame of a zoom, pinch or pan. */
  zoomFrameMs: number
  /** Everything, hit graph included: the redraw once a gesture ends. */
  fullRedrawMs: number
  /** Hiding one label's boxes, as the label toggle does: prop sync plus a full box-layer redraw. */
  toggleMs: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? 0
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2
}

/**
 * Draws and times the real editor with `boxCount` boxes. Each timed draw ends with a one-pixel
 * read-back so Chromium's deferred canvas rasterises inside the timing, not after it.
 * For the benchmark page: `await measureRedraw({ container, boxCount: 200 })`.
 */
export async function measureRedraw(
  options: RedrawBenchmarkOptions,
): Promise<RedrawBenchmarkResult> {
  const rounds = options.rounds ?? 15
  const photo = document.createElement('canvas')
  photo.width = options.photoWidth ?? 1920
  photo.height = options.photoHeight ?? 1440
  const context = photo.getContext('2d')
  if (context) {
    const gradient = context.createLinearGradient(0, 0, photo.width, photo.height)
    gradient.addColorStop(0, '#35506b')
    gradient.addColorStop(1, '#c9a66b')
    context.fillStyle = gradient
    context.fillRect(0, 0, photo.width, photo.height)
  }
  const ignore = () => undefined
  const editor = new BoxEditor(options.container, {
    select: ignore,
    change: ignore,
    remove: ignore,
    draw: ignore,
    hoverBox: ignore,
    viewUpdate: ignore,
  })
  try {
    editor.setViewportSize(options.container.clientWidth, options.container.clientHeight)
    editor.setImage(photo, photo.width, photo.height)
    const boxes = sampleBoxes(options.boxCount)
    editor.syncBoxes(boxes)
    editor.select(boxes[0]?.id ?? null)
    const flush = () => {
      const canvas = editor.boxLayer.getCanvas()._canvas
      canvas.getContext('2d')?.getImageData(0, 0, 1, 1)
    }
    const time = (work: () => void) => {
      const start = performance.now()
      work()
      flush()
      return performance.now() - start
    }
    // Warm-up: first draws compile fonts and paths.
    for (let round = 0; round < 3; round += 1) time(() => editor.stage.draw())
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const dragTimes: number[] = []
    const zoomTimes: number[] = []
    const fullTimes: number[] = []
    const toggleTimes: number[] = []
    const hidden = boxes.map((box) => ({ ...box, visible: box.label !== 'Car' }))
    for (let round = 0; round < rounds; round += 1) {
      dragTimes.push(time(() => editor.boxLayer.drawScene()))
      zoomTimes.push(time(() => editor.stage.getLayers().forEach((layer) => layer.drawScene())))
      fullTimes.push(time(() => editor.stage.draw()))
      toggleTimes.push(
        time(() => {
          editor.syncBoxes(round % 2 === 0 ? hidden : boxes)
          editor.boxLayer.draw()
        }),
      )
    }
    return {
      boxCount: options.boxCount,
      pixelRatio: editor.boxLayer.getCanvas().getPixelRatio(),
      dragFrameMs: median(dragTimes),
      zoomFrameMs: median(zoomTimes),
      fullRedrawMs: median(fullTimes),
      toggleMs: median(toggleTimes),
    }
  } finally {
    editor.destroy()
  }
}
