import { describe, expect, it } from 'vitest'
import { boxAt, type HitBox } from '../../../src/lib/canvas/box-hit'

const car: HitBox = { id: 'car', rect: { x: 0, y: 0, width: 400, height: 300 }, visible: true }
const wheel: HitBox = { id: 'wheel', rect: { x: 40, y: 200, width: 80, height: 80 }, visible: true }
const hub: HitBox = { id: 'hub', rect: { x: 60, y: 220, width: 30, height: 30 }, visible: true }
const person: HitBox = {
  id: 'person',
  rect: { x: 350, y: 100, width: 100, height: 250 },
  visible: true,
}

describe('boxAt', () => {
  it('takes the smallest shown box containing the point, whatever the order given', () => {
    expect(boxAt({ x: 70, y: 230 }, [car, wheel, hub])).toBe('hub')
    expect(boxAt({ x: 70, y: 230 }, [hub, wheel, car])).toBe('hub')
    expect(boxAt({ x: 50, y: 210 }, [hub, car, wheel])).toBe('wheel')
    expect(boxAt({ x: 200, y: 50 }, [hub, car, wheel])).toBe('car')
  })

  it('answers null where no box is, and counts the outline as inside', () => {
    expect(boxAt({ x: 500, y: 500 }, [car, wheel, person])).toBeNull()
    expect(boxAt({ x: 400, y: 300 }, [car])).toBe('car')
    expect(boxAt({ x: 400.5, y: 300 }, [car])).toBeNull()
  })

  it('never takes a hidden box, so the box under it answers', () => {
    const hiddenHub = { ...hub, visible: false }
    expect(boxAt({ x: 70, y: 230 }, [car, wheel, hiddenHub])).toBe('wheel')
    expect(boxAt({ x: 70, y: 230 }, [{ ...car, visible: false }])).toBeNull()
  })

  it('lets the preferred (selected) box win where it contains the point, and only there', () => {
    expect(boxAt({ x: 70, y: 230 }, [car, wheel, hub], 'car')).toBe('car')
    expect(boxAt({ x: 375, y: 150 }, [car, person], 'car')).toBe('car')
    expect(boxAt({ x: 420, y: 150 }, [car, person], 'car')).toBe('person')
    expect(boxAt({ x: 70, y: 230 }, [car, wheel, { ...hub, visible: false }], 'hub')).toBe('wheel')
  })
})
