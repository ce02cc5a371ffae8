// The canvas editor mounted in jsdom (with a mocked 2D context): boxes drawn from props, gestures
// reported as changes, handles, hit-testing, keys and zoom. One job, one file: every case drives
// the same component through the same Konva stage.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import Konva from 'konva/lib/Core'
import type { Rect } from 'konva/lib/shapes/Rect'
import PhotoCanvas from '../../../src/components/canvas/PhotoCanvas.vue'
import type { BoxGesture, CanvasBox } from '../../../src/lib/canvas/types'

// jsdom lays nothing out; give every element a phone-sized box so the stage and the fit are real.
const VIEWPORT = { width: 416, height: 316 }
const sizeDescriptors = {
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  getBoundingClientRect: Object.getOwnPropertyDescriptor(
    Element.prototype,
    'getBoundingClientRect',
  ),
}
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => VIEWPORT.width,
  })
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => VIEWPORT.height,
  })
  Object.defineProperty(HTMLElement.prototype, 'getBoundingClientRect', {
    configurable: true,
    value: () => new DOMRect(0, 0, VIEWPORT.width, VIEWPORT.height),
  })
})
afterAll(() => {
  for (const [name, descriptor] of Object.entries(sizeDescriptors)) {
    if (!descriptor) continue
    if (name === 'getBoundingClientRect') {
      // Set on HTMLElement over Element's own: removing it brings Element's back.
      Reflect.deleteProperty(HTMLElement.prototype, name)
    } else {
      Object.defineProperty(HTMLElement.prototype, name, descriptor)
    }
  }
})

const PHOTO = { width: 800, height: 600 }

function fakePhoto(): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = PHOTO.width
  canvas.height = PHOTO.height
  return canvas
}

function makeBoxes(): CanvasBox[] {
  return [
    {
      id: 'cat-1',
      label: 'Cat',
      confidence: 97.2,
      box: { left: 0.25, top: 0.25, width: 0.25, height: 0.5 },
      color: '#f425f4',
      visible: true,
      edited: false,
    },
    {
      id: 'dog-1',
      label: 'Dog',
      confidence: 88,
      box: { left: 0.6, top: 0.1, width: 0.3, height: 0.3 },
      color: '#8cf425',
      visible: true,
      edited: false,
    },
    {
      id: 'mug-1',
      label: 'Mug',
      confidence: null,
      box: { left: 0.05, top: 0.7, width: 0.1, height: 0.1 },
      color: '#25f425',
      visible: true,
      edited: true,
    },
  ]
}

type Props = InstanceType<typeof PhotoCanvas>['$props']

const mounted: VueWrapper[] = []
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  vi.useRealTimers()
})

function mountCanvas(overrides: Partial<Props> = {}) {
  const wrapper = mount(PhotoCanvas, {
    attachTo: document.body,
    props: {
      image: fakePhoto(),
      imageWidth: PHOTO.width,
      imageHeight: PHOTO.height,
      boxes: makeBoxes(),
      selectedId: null,
      highlightedLabel: null,
      mode: 'select',
      ...overrides,
    },
  })
  mounted.push(wrapper)
  return wrapper
}

function currentStage() {
  const stage = Konva.stages[Konva.stages.length - 1]
  if (!stage) throw new Error('no Konva stage was created')
  return stage
}

interface RecordedCall {
  type: string
  props: Record<string, unknown>
  transform: number[]
}

/** Redraws the box layer and returns every call it made on its canvas, in order. */
function boxLayerCalls(): RecordedCall[] {
  const layer = currentStage().getLayers()[1]
  if (!layer) throw new Error('no box layer')
  const context = layer.getCanvas()._canvas.getContext('2d') as unknown as {
    __clearEvents(): void
    __getEvents(): RecordedCall[]
  }
  context.__clearEvents()
  layer.drawScene()
  return context.__getEvents()
}

interface DrawnBox {
  /** Stage (CSS) pixels, as drawn. */
  x: number
  y: number
  width: number
  height: number
  stroke: string
  lineWidth: number
  alpha: number
  transform: number[]
}

/**
 * The box outlines the box layer draws (every box is one stroked rectangle), with the stroke
 * colour, width and opacity each was drawn with, read back by replaying the recorded calls.
 */
function drawnBoxes(): DrawnBox[] {
  const initial = { stroke: '', lineWidth: 1, alpha: 1 }
  const stack = [{ ...initial }]
  const boxes: DrawnBox[] = []
  for (const call of boxLayerCalls()) {
    const top = stack[stack.length - 1] ?? initial
    if (call.type === 'save') stack.push({ ...top })
    else if (call.type === 'restore') stack.pop()
    else if (call.type === 'strokeStyle') top.stroke = String(call.props.value)
    else if (call.type === 'lineWidth') top.lineWidth = Number(call.props.value)
    else if (call.type === 'globalAlpha') top.alpha = Number(call.props.value)
    else if (call.type === 'strokeRect') {
      boxes.push({
        x: Number(call.props.x),
        y: Number(call.props.y),
        width: Number(call.props.width),
        height: Number(call.props.height),
        ...top,
        transform: call.transform,
      })
    }
  }
  return boxes
}

/** The drawn outline of one of makeBoxes()'s boxes, found by its colour (each has its own). */
function drawnBox(id: string): DrawnBox {
  const color = makeBoxes().find((box) => box.id === id)?.color
  const found = drawnBoxes().filter((box) => box.stroke.toLowerCase() === color)
  if (found.length !== 1) throw new Error(`box ${id} drawn ${found.length} times`)
  return found[0] as DrawnBox
}

/** Where a photo-pixel rectangle lands on the stage at the fitted view (scale 0.5 at 8, 8). */
function fittedOnStage(x: number, y: number, width: number, height: number) {
  return { x: 8 + x / 2, y: 8 + y / 2, width: width / 2, height: height / 2 }
}

function placeOf(box: DrawnBox) {
  return { x: box.x, y: box.y, width: box.width, height: box.height }
}

/** The invisible node a press on a box is held by (see BoxGrab). */
function grabNode(): Rect {
  const node = currentStage().findOne<Rect>('.box-grab')
  if (!node) throw new Error('no grab node')
  return node
}

/** A press on the canvas at a stage point, as the container sees it before Konva does. */
function press(wrapper: VueWrapper, x: number, y: number): void {
  const surface = wrapper.get('[role="application"]').element.firstElementChild
  if (!surface) throw new Error('no drawing surface')
  surface.dispatchEvent(
    new PointerEvent('pointerdown', { clientX: x, clientY: y, isPrimary: true }),
  )
}

function visibleHandles(): Rect[] {
  return currentStage()
    .find<Rect>('.handle')
    .filter((handle) => handle.isVisible())
}

/** Redraws the box layer and returns the tag texts drawn, with the transform each was drawn at. */
function drawnTags(): { text: string; transform: number[] }[] {
  return boxLayerCalls()
    .filter((call) => call.type === 'fillText')
    .map((call) => ({ text: String(call.props.text), transform: call.transform }))
}

interface DrawnRect {
  x: number
  y: number
  width: number
  height: number
}

/** The tags' backgrounds: the filled rectangles the box layer writes text on next. */
function drawnTagRects(): DrawnRect[] {
  const calls = boxLayerCalls().filter((call) =>
    ['fillRect', 'fillText', 'strokeRect'].includes(call.type),
  )
  return calls
    .filter((call, index) => call.type === 'fillRect' && calls[index + 1]?.type === 'fillText')
    .map((call) => ({
      x: Number(call.props.x),
      y: Number(call.props.y),
      width: Number(call.props.width),
      height: Number(call.props.height),
    }))
}

function intersects(a: DrawnRect, b: DrawnRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

const root = (wrapper: VueWrapper) => wrapper.get('[role="application"]')

describe('PhotoCanvas', () => {
  it('fits the photo, draws every box and names itself by the boxes it shows', async () => {
    const wrapper = mountCanvas()
    await wrapper.vm.$nextTick()
    const root = wrapper.get('[role="application"]')
    expect(root.attributes('aria-label')).toBe('Photo with 3 boxes')
    expect(root.attributes('tabindex')).toBe('0')
    const help = document.getElementById(root.attributes('aria-describedby') ?? '')
    expect(help?.textContent).toContain('Arrow keys move the selected box')
    expect(root.attributes('data-box-count')).toBe('3')
    // 800×600 into 416×316 less an 8 px margin: 400×300, so scale 0.5 at (8, 8).
    expect(Number(root.attributes('data-view-scale'))).toBeCloseTo(0.5, 9)
    expect(Number(root.attributes('data-view-x'))).toBeCloseTo(8, 9)
    expect(Number(root.attributes('data-view-y'))).toBeCloseTo(8, 9)
    expect(drawnBoxes()).toHaveLength(3)
    // The cat is 200×300 photo pixels at (200, 150): drawn in stage pixels at the view's scale.
    const cat = drawnBox('cat-1')
    expect(placeOf(cat)).toEqual(fittedOnStage(200, 150, 200, 300))
    // Outlines 2 px on screen at any zoom: drawn at the canvas's pixel ratio alone, not the view's.
    expect(cat.lineWidth).toBe(2)
    expect(cat.transform[0]).toBeCloseTo(Konva.pixelRatio, 9)
    expect(Konva.pixelRatio).toBeLessThanOrEqual(2)
  })

  it('draws all boxes through the same few nodes, however many there are', async () => {
    const wrapper = mountCanvas()
    const nodes = () => currentStage().find('Shape').length
    const few = nodes()
    const many = Array.from({ length: 300 }, (_, index) => ({
      ...makeBoxes()[index % 3],
      id: `box-${index}`,
      box: { left: (index % 20) / 20, top: Math.floor(index / 20) / 20, width: 0.04, height: 0.04 },
    })) as CanvasBox[]
    await wrapper.setProps({ boxes: many })
    expect(drawnBoxes()).toHaveLength(300)
    expect(nodes()).toBe(few)
  })

  it('stops drawing boxes that turn invisible, and draws them again when shown', async () => {
    const wrapper = mountCanvas()
    const boxes = makeBoxes().map((box) => (box.label === 'Cat' ? { ...box, visible: false } : box))
    await wrapper.setProps({ boxes })
    expect(drawnBoxes()).toHaveLength(2)
    expect(() => drawnBox('cat-1')).toThrow()
    expect(wrapper.get('[role="application"]').attributes('data-box-count')).toBe('2')
    expect(wrapper.get('[role="application"]').attributes('aria-label')).toBe('Photo with 2 boxes')
    await wrapper.setProps({ boxes: makeBoxes() })
    expect(drawnBoxes()).toHaveLength(3)
    expect(placeOf(drawnBox('cat-1'))).toEqual(fittedOnStage(200, 150, 200, 300))
  })

  it('moves a box when it changes, and removes only the box that went', async () => {
    const wrapper = mountCanvas()
    const moved = makeBoxes().map((box) =>
      box.id === 'dog-1' ? { ...box, box: { left: 0.5, top: 0.5, width: 0.2, height: 0.1 } } : box,
    )
    await wrapper.setProps({ boxes: moved })
    expect(placeOf(drawnBox('dog-1'))).toEqual(fittedOnStage(400, 300, 160, 60))
    expect(drawnBoxes()).toHaveLength(3)
    await wrapper.setProps({ boxes: moved.filter((box) => box.id !== 'mug-1') })
    expect(drawnBoxes()).toHaveLength(2)
    expect(() => drawnBox('mug-1')).toThrow()
    expect(placeOf(drawnBox('dog-1'))).toEqual(fittedOnStage(400, 300, 160, 60))
  })

  it('nudges the selected box with arrow keys: 1 photo pixel, 10 with Shift', async () => {
    // The parent acts as the store: it takes every change synchronously, as the app does.
    let boxes = makeBoxes()
    const wrapper = mountCanvas({
      selectedId: 'cat-1',
      onChange: (id: string, box: CanvasBox['box']) => {
        boxes = boxes.map((item) => (item.id === id ? { ...item, box, edited: true } : item))
        void wrapper.setProps({ boxes })
      },
    })
    const root = wrapper.get('[role="application"]')
    await root.trigger('keydown', { key: 'ArrowRight' })
    await root.trigger('keydown', { key: 'ArrowUp', shiftKey: true })
    const changes = wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][]
    expect(changes).toHaveLength(2)
    // Reported as nudges, so the history can merge quick ones into one undo step.
    expect(changes.map((change) => change[2])).toEqual(['nudge', 'nudge'])
    const [firstId, first] = changes[0] ?? []
    expect(firstId).toBe('cat-1')
    expect(first?.left).toBeCloseTo((200 + 1) / 800, 12)
    expect(first?.top).toBeCloseTo(0.25, 12)
    expect(first?.width).toBeCloseTo(0.25, 12)
    const second = changes[1]?.[1]
    expect(second?.left).toBeCloseTo(201 / 800, 12)
    expect(second?.top).toBeCloseTo((150 - 10) / 600, 12)
    const cat = drawnBox('cat-1')
    expect(cat.x).toBeCloseTo(8 + 201 / 2, 9)
    expect(cat.y).toBeCloseTo(8 + 140 / 2, 9)
    expect(drawnTags().map((tag) => tag.text)).toContain('Cat 97 % · edited')
  })

  it('puts a box back where the props say when the parent refuses a change', async () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    await wrapper.get('[role="application"]').trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.emitted('change')).toHaveLength(1)
    await wrapper.vm.$nextTick()
    expect(placeOf(drawnBox('cat-1'))).toEqual(fittedOnStage(200, 150, 200, 300))
  })

  it('does nothing with arrow keys when no box is selected, so the page keeps them', () => {
    const wrapper = mountCanvas()
    const event = new KeyboardEvent('keydown', { key: 'ArrowLeft', cancelable: true })
    wrapper.get('[role="application"]').element.dispatchEvent(event)
    expect(wrapper.emitted('change')).toBeUndefined()
    expect(event.defaultPrevented).toBe(false)
  })

  it('asks to remove the selected box on Delete and Backspace, and deselects on Escape', async () => {
    const wrapper = mountCanvas({ selectedId: 'dog-1' })
    const root = wrapper.get('[role="application"]')
    expect(root.attributes('aria-label')).toBe('Photo with 3 boxes, Dog selected')
    await root.trigger('keydown', { key: 'Delete' })
    await root.trigger('keydown', { key: 'Backspace' })
    expect(wrapper.emitted('remove')).toEqual([['dog-1'], ['dog-1']])
    await root.trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('select')).toEqual([[null]])
  })

  it('asks for the next box on ] or N and the previous on [ or P, AltGr layouts included', async () => {
    const wrapper = mountCanvas()
    const root = wrapper.get('[role="application"]')
    await root.trigger('keydown', { key: ']' })
    await root.trigger('keydown', { key: 'n' })
    await root.trigger('keydown', { key: '[' })
    await root.trigger('keydown', { key: 'P' })
    // A German layout types ] with AltGr, which the browser reports as Ctrl+Alt.
    await root.trigger('keydown', { key: ']', ctrlKey: true, altKey: true })
    // Ctrl+N is the browser's, not a step.
    await root.trigger('keydown', { key: 'n', ctrlKey: true })
    expect(wrapper.emitted('step')).toEqual([[1], [1], [-1], [-1], [1]])
  })

  it('announces the selected box politely: label, confidence, place in the order, position', async () => {
    const wrapper = mountCanvas()
    const announcer = wrapper.get('[data-testid="canvas-announcer"]')
    expect(announcer.attributes('role')).toBe('status')
    expect(announcer.text()).toBe('')
    await wrapper.setProps({ selectedId: 'cat-1' })
    // Reading order: Dog (top 10 %), Cat (top 25 %), Mug (top 70 %).
    expect(announcer.text()).toBe(
      'Cat, 97.2 %, box 2 of 3: left 25.0 %, top 25.0 %, 25.0 % wide, 50.0 % high',
    )
    await wrapper.setProps({ selectedId: 'mug-1' })
    expect(announcer.text()).toMatch(/^Mug, drawn by you, box 3 of 3: /)
    const help = wrapper.get(`#${root(wrapper).attributes('aria-describedby')}`)
    for (const key of ['Right bracket', 'Alt or Control with arrow keys', 'Enter', 'B or Insert']) {
      expect(help.text()).toContain(key)
    }
  })

  it('resizes the selected box with Alt or Ctrl and the arrows, reported as a resize', async () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    const element = root(wrapper).element
    const press = (init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { cancelable: true, ...init })
      element.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(press({ key: 'ArrowRight', altKey: true })).toBe(true)
    expect(press({ key: 'ArrowUp', ctrlKey: true, shiftKey: true })).toBe(true)
    const changes = wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][]
    expect(changes.map((change) => change[2])).toEqual(['resize', 'resize'])
    // Cat is 200 × 300 photo pixels at (200, 150): one wider, then ten shorter.
    expect(changes[0]?.[1].width).toBeCloseTo(201 / 800, 12)
    expect(changes[1]?.[1].height).toBeCloseTo(290 / 600, 12)
    expect(changes[1]?.[1].left).toBeCloseTo(0.25, 12)
    expect(changes[1]?.[1].top).toBeCloseTo(0.25, 12)
    expect(drawnBox('cat-1').width).toBeCloseTo(201 / 2, 9)
    await wrapper.setProps({ selectedId: null })
    expect(press({ key: 'ArrowRight', altKey: true })).toBe(false)
  })

  it('asks to relabel the selected box on Enter, and leaves Enter alone with none', async () => {
    const wrapper = mountCanvas()
    const event = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true })
    root(wrapper).element.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
    await wrapper.setProps({ selectedId: 'dog-1' })
    await root(wrapper).trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('relabel')).toEqual([['dog-1']])
  })

  it('draws a box from the keyboard: B starts it at the centre, arrows shape it, Enter reports it', async () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    const keys = root(wrapper)
    await keys.trigger('keydown', { key: 'b' })
    // The selection goes, so the arrows cannot be taken for moving the Cat.
    expect(wrapper.emitted('select')).toEqual([[null]])
    await wrapper.setProps({ selectedId: null })
    expect(wrapper.get('[data-testid="canvas-announcer"]').text()).toMatch(/^New box at the centre/)
    // 96 screen pixels at scale 0.5: a 192-pixel square in the middle of the 800 × 600 photo.
    await keys.trigger('keydown', { key: 'ArrowLeft', shiftKey: true })
    await keys.trigger('keydown', { key: 'ArrowDown', altKey: true, shiftKey: true })
    await keys.trigger('keydown', { key: 'ArrowLeft', ctrlKey: true })
    expect(wrapper.emitted('change')).toBeUndefined()
    await keys.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('relabel')).toBeUndefined()
    const drawn = wrapper.emitted('draw') as [CanvasBox['box']][]
    expect(drawn).toHaveLength(1)
    const box = drawn[0]?.[0]
    expect(box?.left).toBeCloseTo(294 / 800, 12)
    expect(box?.top).toBeCloseTo(204 / 600, 12)
    expect(box?.width).toBeCloseTo(191 / 800, 12)
    expect(box?.height).toBeCloseTo(202 / 600, 12)
    // Confirmed once: Enter again is not a second box.
    await keys.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('draw')).toHaveLength(1)
  })

  it('abandons a keyboard box on Escape, and Insert starts one too', async () => {
    const wrapper = mountCanvas()
    const keys = root(wrapper)
    await keys.trigger('keydown', { key: 'Insert' })
    await keys.trigger('keydown', { key: 'Escape' })
    await keys.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('draw')).toBeUndefined()
    expect(wrapper.emitted('select')).toBeUndefined()
  })

  it('lists the tags as drawn in data-tags once the draws settle, none overlapping', async () => {
    const wrapper = mountCanvas()
    const surface = root(wrapper).element.firstElementChild as HTMLElement
    currentStage().getLayers()[1]?.draw()
    await vi.waitFor(() => expect(surface.dataset.tags).toBeDefined())
    const tags = JSON.parse(surface.dataset.tags ?? '[]') as (DrawnRect & { text: string })[]
    expect(tags.map((tag) => tag.text).sort()).toEqual(['Cat 97 %', 'Dog 88 %', 'Mug · edited'])
    for (const [index, tag] of tags.entries()) {
      for (const other of tags.slice(index + 1)) expect(intersects(tag, other)).toBe(false)
    }
  })

  it('puts corner handles only on the selected small box, and takes them away with it', async () => {
    const wrapper = mountCanvas({ selectedId: 'mug-1' })
    // The mug is 40×30 on screen: too small for middle handles of 24 px targets.
    const names = visibleHandles().map((handle) => handle.name().replace('handle ', ''))
    expect(names.sort()).toEqual(['bottom-left', 'bottom-right', 'top-left', 'top-right'])
    await wrapper.setProps({ selectedId: 'cat-1' })
    // The cat is 100×150 on screen: room for all eight.
    expect(visibleHandles()).toHaveLength(8)
    await wrapper.setProps({ selectedId: null })
    expect(visibleHandles()).toHaveLength(0)
  })

  it('puts the handles of a small box outside it, each answering at least 24×24 px', () => {
    mountCanvas({ selectedId: 'mug-1' })
    const mug = drawnBox('mug-1')
    const handles = visibleHandles()
    expect(handles).toHaveLength(4)
    for (const handle of handles) {
      // Laid out in stage pixels whatever the zoom, and drawn 12 px for a mouse.
      const drawn = handle.getClientRect({ skipStroke: true })
      expect(drawn.width).toBeCloseTo(12, 9)
      const hitStroke = handle.hitStrokeWidth()
      const hitSide = handle.width() + (hitStroke === 'auto' ? handle.strokeWidth() : hitStroke)
      // The hit area is the drawn square grown by half the hit stroke on every side.
      const grow = (hitSide - handle.width()) / 2
      const hit = {
        left: drawn.x - grow,
        top: drawn.y - grow,
        right: drawn.x + drawn.width + grow,
        bottom: drawn.y + drawn.height + grow,
      }
      expect(hitSide).toBeGreaterThanOrEqual(24)
      const apart =
        hit.right <= mug.x ||
        hit.left >= mug.x + mug.width ||
        hit.bottom <= mug.y ||
        hit.top >= mug.y + mug.height
      expect(apart, handle.name()).toBe(true)
    }
  })

  it('resizes the box by a handle, keeping the opposite corner, and reports it at the end', () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    // The cat is at stage (108, 83), 100×150; its bottom-right corner at (208, 233).
    const handle = visibleHandles().find((node) => node.hasName('bottom-right'))
    if (!handle) throw new Error('no bottom-right handle')
    const bound = handle.dragBoundFunc()
    if (!bound) throw new Error('the handle has no drag bound')
    const at = handle.position()
    handle.fire('dragstart')
    // The pointer moves the handle 20 px left and 40 px down: the corner follows.
    const placed = bound.call(handle, { x: at.x - 20, y: at.y + 40 }, {} as never)
    expect(placed).toEqual({ x: at.x - 20, y: at.y + 40 })
    handle.fire('dragmove')
    expect(placeOf(drawnBox('cat-1'))).toEqual({ x: 108, y: 83, width: 80, height: 190 })
    expect(wrapper.emitted('change')).toBeUndefined()
    handle.fire('dragend')
    const [id, box, gesture] =
      (wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][])[0] ?? []
    expect(id).toBe('cat-1')
    expect(gesture).toBe('resize')
    expect(box?.left).toBeCloseTo(0.25, 12)
    expect(box?.top).toBeCloseTo(0.25, 12)
    expect(box?.width).toBeCloseTo(160 / 800, 12)
    expect(box?.height).toBeCloseTo(380 / 600, 12)
  })

  it('stops a handle at the edge of the photo and never lets the box turn inside out', () => {
    mountCanvas({ selectedId: 'cat-1' })
    const handle = visibleHandles().find((node) => node.hasName('bottom-right'))
    const bound = handle?.dragBoundFunc()
    if (!handle || !bound) throw new Error('no bottom-right handle')
    const at = handle.position()
    handle.fire('dragstart')
    // Far past the photo's bottom right (stage 408, 308): the corner stops there.
    bound.call(handle, { x: at.x + 500, y: at.y + 500 }, {} as never)
    expect(placeOf(drawnBox('cat-1'))).toEqual({ x: 108, y: 83, width: 300, height: 225 })
    // Past the top-left corner: refused, the box keeps the last shape it had.
    bound.call(handle, { x: at.x - 300, y: at.y - 300 }, {} as never)
    expect(placeOf(drawnBox('cat-1'))).toEqual({ x: 108, y: 83, width: 300, height: 225 })
    handle.fire('dragend')
  })

  it('takes the box a press lands in, the smallest there, and reports a drag at its end', () => {
    const wrapper = mountCanvas()
    // The dog is at stage 248–368 × 38–128; (233, 43) is just left of it, on no box.
    press(wrapper, 233, 43)
    expect(grabNode().isVisible()).toBe(false)
    press(wrapper, 300, 80)
    const grab = grabNode()
    expect(grab.isVisible()).toBe(true)
    expect([grab.x(), grab.y(), grab.width(), grab.height()]).toEqual([480, 60, 240, 180])
    grab.fire('dragstart')
    grab.position({ x: 100, y: 50 })
    grab.fire('dragmove')
    expect(placeOf(drawnBox('dog-1'))).toEqual(fittedOnStage(100, 50, 240, 180))
    grab.fire('dragend')
    expect(wrapper.emitted('select')).toEqual([['dog-1']])
    const [id, box, gesture] =
      (wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][])[0] ?? []
    expect(id).toBe('dog-1')
    expect(gesture).toBe('drag')
    expect(box?.left).toBeCloseTo(100 / 800, 12)
    expect(box?.top).toBeCloseTo(50 / 600, 12)
  })

  it('selects a tapped box, and takes the selected box first where boxes overlap', async () => {
    const inner: CanvasBox = {
      id: 'toy-1',
      label: 'Toy',
      confidence: 70,
      box: { left: 0.3, top: 0.3, width: 0.1, height: 0.1 },
      color: '#2525f4',
      visible: true,
      edited: false,
    }
    const wrapper = mountCanvas({ boxes: [...makeBoxes(), inner] })
    // Stage (140, 110) is photo (264, 204): inside both the cat and the toy within it.
    press(wrapper, 140, 110)
    grabNode().fire('tap')
    expect(wrapper.emitted('select')).toEqual([['toy-1']])
    await wrapper.setProps({ selectedId: 'cat-1' })
    press(wrapper, 140, 110)
    expect(grabNode().width()).toBe(200)
    grabNode().fire('tap')
    expect(wrapper.emitted('select')).toHaveLength(1)
  })

  it('keeps a dragged box inside the photo', () => {
    const wrapper = mountCanvas()
    press(wrapper, 300, 80)
    const dog = grabNode()
    const bound = dog.dragBoundFunc()
    if (!bound) throw new Error('no drag bound')
    // The photo spans x 8–408 and y 8–308 on the stage; the dog box is 120×90 there.
    expect(
      bound.call(dog, { x: 1000, y: -50 }, { evt: new MouseEvent('mousemove') } as never),
    ).toEqual({ x: 288, y: 8 })
  })

  it('reports the box under the mouse as hovered, and shows it can be moved', () => {
    const wrapper = mountCanvas()
    const surface = wrapper.get('[role="application"]').element.firstElementChild as HTMLElement
    const move = (x: number, y: number) =>
      surface.dispatchEvent(
        new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse' }),
      )
    move(300, 80)
    move(301, 81)
    expect(wrapper.emitted('hoverBox')).toEqual([['dog-1']])
    expect(surface.style.cursor).toBe('move')
    move(233, 43)
    expect(wrapper.emitted('hoverBox')).toEqual([['dog-1'], [null]])
    expect(surface.style.cursor).toBe('')
  })

  it('emphasises the highlighted label and dims the others', async () => {
    const wrapper = mountCanvas()
    await wrapper.setProps({ highlightedLabel: 'Dog' })
    expect(drawnBox('dog-1').lineWidth).toBeGreaterThan(drawnBox('cat-1').lineWidth)
    expect(drawnBox('cat-1').alpha).toBeLessThan(1)
    expect(drawnBox('dog-1').alpha).toBe(1)
    await wrapper.setProps({ highlightedLabel: null })
    expect(drawnBox('cat-1').alpha).toBe(1)
  })

  it('draws tags with label and confidence and an edited mark, at screen size at any zoom', () => {
    const wrapper = mountCanvas()
    const tags = drawnTags()
    expect(tags.map((tag) => tag.text).sort()).toEqual(['Cat 97 %', 'Dog 88 %', 'Mug · edited'])
    // The view scale is 0.5, yet text is drawn at the canvas's own pixel ratio: 13 px on screen.
    const pixelRatio = Konva.pixelRatio
    expect(tags[0]?.transform[0]).toBeCloseTo(pixelRatio, 9)
    const surface = wrapper.get('[role="application"]').element.firstElementChild
    surface?.dispatchEvent(new WheelEvent('wheel', { deltaY: -500, clientX: 50, clientY: 50 }))
    expect(
      (wrapper.vm as unknown as { getView(): { scale: number } }).getView().scale,
    ).toBeGreaterThan(0.5)
    expect(drawnTags()[0]?.transform[0]).toBeCloseTo(pixelRatio, 9)
  })

  it('never draws two tags over each other, and tags a crowded box once it is selected', async () => {
    // Eleven players in one small huddle: worse than the football photo whose tags piled up.
    // (jsdom's canvas measures text as one pixel a character, so tags here are narrow.)
    const players: CanvasBox[] = Array.from({ length: 11 }, (_, index) => ({
      id: `person-${index}`,
      label: 'Person',
      confidence: 60 + ((index * 37) % 39),
      box: { left: 0.4 + index * 0.002, top: 0.4, width: 0.02, height: 0.02 },
      color: '#25f4f4',
      visible: true,
      edited: false,
    }))
    const wrapper = mountCanvas({ boxes: players })
    const tags = drawnTagRects()
    expect(tags.length).toBeGreaterThan(3)
    for (const tag of tags) expect(tag.width).toBeGreaterThan(8)
    tags.forEach((tag, index) => {
      for (const other of tags.slice(index + 1)) expect(intersects(tag, other)).toBe(false)
    })
    const untagged = players.find(
      (player) => !drawnTags().some((tag) => tag.text.endsWith(`${player.confidence} %`)),
    )
    if (!untagged) throw new Error('every player kept a tag: the scene is not crowded enough')
    await wrapper.setProps({ selectedId: untagged.id })
    expect(drawnTags().some((tag) => tag.text.endsWith(`${untagged.confidence} %`))).toBe(true)
  })

  it('draws no tag for a hidden box', async () => {
    const wrapper = mountCanvas()
    const boxes = makeBoxes().map((box) => ({ ...box, visible: box.id === 'dog-1' }))
    await wrapper.setProps({ boxes })
    expect(drawnTags().map((tag) => tag.text)).toEqual(['Dog 88 %'])
  })

  it('zooms about the pointer on wheel, and reports the view once the wheel stops', async () => {
    vi.useFakeTimers()
    const wrapper = mountCanvas()
    const root = wrapper.get('[role="application"]')
    const surface = root.element.firstElementChild
    if (!surface) throw new Error('no drawing surface')
    surface.dispatchEvent(
      new WheelEvent('wheel', { deltaY: -100, clientX: 208, clientY: 158, cancelable: true }),
    )
    await wrapper.vm.$nextTick()
    const scale = Number(root.attributes('data-view-scale'))
    expect(scale).toBeCloseTo(0.5 * Math.exp(0.2), 9)
    // The photo's centre (400, 300) was under the pointer at (208, 158) and stays there.
    expect(Number(root.attributes('data-view-x'))).toBeCloseTo(208 - 400 * scale, 6)
    expect(Number(root.attributes('data-view-y'))).toBeCloseTo(158 - 300 * scale, 6)
    // The fit at mount was reported; the wheel is reported only once it stops.
    expect(wrapper.emitted('viewChange')).toHaveLength(1)
    vi.advanceTimersByTime(250)
    expect(wrapper.emitted('viewChange')).toHaveLength(2)
    expect(wrapper.emitted('viewChange')?.at(-1)?.[0]).toMatchObject({ scale })
    const exposed = wrapper.vm as unknown as { fitToView(): void; getView(): { scale: number } }
    exposed.fitToView()
    expect(exposed.getView().scale).toBeCloseTo(0.5, 9)
  })

  it('pans on a two-finger trackpad scroll instead of zooming', async () => {
    const wrapper = mountCanvas()
    const root = wrapper.get('[role="application"]')
    root.element.firstElementChild?.dispatchEvent(
      new WheelEvent('wheel', { deltaX: 30, deltaY: 20, clientX: 200, clientY: 150 }),
    )
    await wrapper.vm.$nextTick()
    expect(Number(root.attributes('data-view-scale'))).toBeCloseTo(0.5, 9)
    expect(Number(root.attributes('data-view-x'))).toBeCloseTo(8 - 30, 9)
    expect(Number(root.attributes('data-view-y'))).toBeCloseTo(8 - 20, 9)
  })

  it('draws a new box in draw mode and ignores a tap', () => {
    const wrapper = mountCanvas({ mode: 'draw' })
    const surface = wrapper.get('[role="application"]').element.firstElementChild
    if (!surface) throw new Error('no drawing surface')
    const pointer = (type: string, x: number, y: number) =>
      surface.dispatchEvent(
        new PointerEvent(type, {
          clientX: x,
          clientY: y,
          pointerId: 1,
          isPrimary: true,
          button: 0,
        }),
      )
    // Stage (108, 58) is photo (200, 100); stage (208, 158) is photo (400, 300).
    pointer('pointerdown', 108, 58)
    pointer('pointermove', 150, 100)
    pointer('pointerup', 208, 158)
    pointer('pointerdown', 300, 200)
    pointer('pointerup', 302, 201)
    const drawn = wrapper.emitted('draw') as [CanvasBox['box']][]
    expect(drawn).toHaveLength(1)
    expect(drawn[0]?.[0]).toEqual({ left: 0.25, top: 100 / 600, width: 0.25, height: 200 / 600 })
  })

  it('abandons a box being drawn on Escape', async () => {
    const wrapper = mountCanvas({ mode: 'draw' })
    const root = wrapper.get('[role="application"]')
    const surface = root.element.firstElementChild
    if (!surface) throw new Error('no drawing surface')
    const pointer = (type: string, x: number, y: number) =>
      surface.dispatchEvent(
        new PointerEvent(type, { clientX: x, clientY: y, pointerId: 7, isPrimary: true }),
      )
    pointer('pointerdown', 108, 58)
    pointer('pointermove', 200, 150)
    await root.trigger('keydown', { key: 'Escape' })
    pointer('pointerup', 208, 158)
    expect(wrapper.emitted('draw')).toBeUndefined()
    expect(wrapper.emitted('select')).toBeUndefined()
  })

  it('destroys its stage on unmount', () => {
    const before = Konva.stages.length
    const wrapper = mountCanvas()
    expect(Konva.stages.length).toBe(before + 1)
    wrapper.unmount()
    mounted.splice(mounted.indexOf(wrapper), 1)
    expect(Konva.stages.length).toBe(before)
  })
})
