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
})
afterAll(() => {
  for (const [name, descriptor] of Object.entries(sizeDescriptors)) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor)
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

function boxRect(id: string): Rect {
  const node = currentStage().findOne<Rect>(`#${id}`)
  if (!node) throw new Error(`no node for box ${id}`)
  return node
}

interface RecordedCall {
  type: string
  props: Record<string, unknown>
  transform: number[]
}

/** Redraws the box layer and returns the tag texts drawn, with the transform each was drawn at. */
function drawnTags(): { text: string; transform: number[] }[] {
  const layer = currentStage().getLayers()[1]
  if (!layer) throw new Error('no box layer')
  const context = layer.getCanvas()._canvas.getContext('2d') as unknown as {
    __clearEvents(): void
    __getEvents(): RecordedCall[]
  }
  context.__clearEvents()
  layer.drawScene()
  return context
    .__getEvents()
    .filter((call) => call.type === 'fillText')
    .map((call) => ({ text: String(call.props.text), transform: call.transform }))
}

interface DrawnRect {
  x: number
  y: number
  width: number
  height: number
}

/** The tags' backgrounds: the only filled rectangles the box layer draws (boxes are paths). */
function drawnTagRects(): DrawnRect[] {
  const layer = currentStage().getLayers()[1]
  if (!layer) throw new Error('no box layer')
  const context = layer.getCanvas()._canvas.getContext('2d') as unknown as {
    __clearEvents(): void
    __getEvents(): RecordedCall[]
  }
  context.__clearEvents()
  layer.drawScene()
  return context
    .__getEvents()
    .filter((call) => call.type === 'fillRect')
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

function visibleBoxNodes(): number {
  return currentStage()
    .find<Rect>('Rect')
    .filter((node) => node.id() !== '' && node.isVisible()).length
}

const root = (wrapper: VueWrapper) => wrapper.get('[role="application"]')

describe('PhotoCanvas', () => {
  it('fits the photo, draws one node per box and names itself by the boxes it shows', async () => {
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
    expect(visibleBoxNodes()).toBe(3)
    const cat = boxRect('cat-1')
    expect([cat.x(), cat.y(), cat.width(), cat.height()]).toEqual([200, 150, 200, 300])
    expect(cat.strokeScaleEnabled()).toBe(false)
    expect(cat.perfectDrawEnabled()).toBe(false)
    expect(Konva.pixelRatio).toBeLessThanOrEqual(2)
  })

  it('hides boxes that turn invisible without destroying their nodes', async () => {
    const wrapper = mountCanvas()
    const catNode = boxRect('cat-1')
    const boxes = makeBoxes().map((box) => (box.label === 'Cat' ? { ...box, visible: false } : box))
    await wrapper.setProps({ boxes })
    expect(visibleBoxNodes()).toBe(2)
    expect(boxRect('cat-1')).toBe(catNode)
    expect(wrapper.get('[role="application"]').attributes('data-box-count')).toBe('2')
    expect(wrapper.get('[role="application"]').attributes('aria-label')).toBe('Photo with 2 boxes')
    await wrapper.setProps({ boxes: makeBoxes() })
    expect(visibleBoxNodes()).toBe(3)
    expect(boxRect('cat-1')).toBe(catNode)
  })

  it('moves the existing node when a box changes, and removes only the box that went', async () => {
    const wrapper = mountCanvas()
    const dogNode = boxRect('dog-1')
    const total = currentStage().find('Rect').length
    const moved = makeBoxes().map((box) =>
      box.id === 'dog-1' ? { ...box, box: { left: 0.5, top: 0.5, width: 0.2, height: 0.1 } } : box,
    )
    await wrapper.setProps({ boxes: moved })
    expect(boxRect('dog-1')).toBe(dogNode)
    expect([dogNode.x(), dogNode.y(), dogNode.width(), dogNode.height()]).toEqual([
      400, 300, 160, 60,
    ])
    expect(currentStage().find('Rect').length).toBe(total)
    await wrapper.setProps({ boxes: moved.filter((box) => box.id !== 'mug-1') })
    expect(currentStage().findOne('#mug-1')).toBeUndefined()
    expect(boxRect('dog-1')).toBe(dogNode)
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
    expect(boxRect('cat-1').x()).toBeCloseTo(201, 9)
    expect(boxRect('cat-1').y()).toBeCloseTo(140, 9)
    expect(drawnTags().map((tag) => tag.text)).toContain('Cat 97 % · edited')
  })

  it('puts a box back where the props say when the parent refuses a change', async () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    await wrapper.get('[role="application"]').trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.emitted('change')).toHaveLength(1)
    await wrapper.vm.$nextTick()
    expect([boxRect('cat-1').x(), boxRect('cat-1').y()]).toEqual([200, 150])
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
    expect(boxRect('cat-1').width()).toBeCloseTo(201, 9)
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

  it('puts the selected box in the transformer with no rotation and no ratio lock', async () => {
    const wrapper = mountCanvas({ selectedId: 'mug-1' })
    const transformer = currentStage().findOne('Transformer')
    if (!transformer) throw new Error('no transformer')
    const config = transformer.getAttrs() as Record<string, unknown>
    expect(config.rotateEnabled).toBe(false)
    expect(config.keepRatio).toBe(false)
    expect((transformer as unknown as { nodes(): unknown[] }).nodes()).toEqual([boxRect('mug-1')])
    // The mug is 40×30 on screen: too small for middle handles of 24 px targets.
    const anchors = config.enabledAnchors as string[]
    expect([...anchors].sort()).toEqual(['bottom-left', 'bottom-right', 'top-left', 'top-right'])
    await wrapper.setProps({ selectedId: null })
    expect((transformer as unknown as { nodes(): unknown[] }).nodes()).toEqual([])
  })

  it('puts the handles of a small box outside it, each answering at least 24×24 px', () => {
    mountCanvas({ selectedId: 'mug-1' })
    const stage = currentStage()
    const mug = boxRect('mug-1').getClientRect({ relativeTo: stage, skipStroke: true })
    const handles = stage
      .find<Rect>('._anchor')
      .filter((anchor) => anchor.isVisible() && !anchor.hasName('rotater'))
    expect(handles).toHaveLength(4)
    for (const handle of handles) {
      const drawn = handle.getClientRect({ relativeTo: stage, skipStroke: true })
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

  it('folds the resize scale into the size and reports the clamped box at transform end', () => {
    const wrapper = mountCanvas({ selectedId: 'cat-1' })
    const cat = boxRect('cat-1')
    cat.setAttrs({ scaleX: 1.5, scaleY: 0.5 })
    cat.fire('transformend')
    expect([cat.width(), cat.height(), cat.scaleX(), cat.scaleY()]).toEqual([300, 150, 1, 1])
    const [id, box, gesture] =
      (wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][])[0] ?? []
    expect(id).toBe('cat-1')
    expect(gesture).toBe('resize')
    expect(box).toEqual({ left: 0.25, top: 0.25, width: 300 / 800, height: 150 / 600 })
  })

  it('reports a moved box at drag end and selects it', () => {
    const wrapper = mountCanvas()
    const dog = boxRect('dog-1')
    dog.fire('dragstart')
    dog.position({ x: 100, y: 50 })
    dog.fire('dragend')
    expect(wrapper.emitted('select')).toEqual([['dog-1']])
    const [id, box, gesture] =
      (wrapper.emitted('change') as [string, CanvasBox['box'], BoxGesture][])[0] ?? []
    expect(id).toBe('dog-1')
    expect(gesture).toBe('drag')
    expect(box?.left).toBeCloseTo(100 / 800, 12)
    expect(box?.top).toBeCloseTo(50 / 600, 12)
  })

  it('keeps a dragged box inside the photo', () => {
    mountCanvas()
    const dog = boxRect('dog-1')
    const bound = dog.dragBoundFunc()
    if (!bound) throw new Error('no drag bound')
    // The photo spans x 8–408 and y 8–308 on the stage; the dog box is 120×90 there.
    expect(
      bound.call(dog, { x: 1000, y: -50 }, { evt: new MouseEvent('mousemove') } as never),
    ).toEqual({ x: 288, y: 8 })
  })

  it('emphasises the highlighted label and dims the others', async () => {
    const wrapper = mountCanvas()
    await wrapper.setProps({ highlightedLabel: 'Dog' })
    expect(boxRect('dog-1').strokeWidth()).toBeGreaterThan(boxRect('cat-1').strokeWidth())
    expect(boxRect('cat-1').opacity()).toBeLessThan(1)
    expect(boxRect('dog-1').opacity()).toBe(1)
    await wrapper.setProps({ highlightedLabel: null })
    expect(boxRect('cat-1').opacity()).toBe(1)
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
