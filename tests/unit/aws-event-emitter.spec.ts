// The emitter the browser build gives the XHR upload handler in place of Node's `events`.
import { describe, expect, it } from 'vitest'
import { EventEmitter } from '../../src/aws/event-emitter'

describe('EventEmitter for the XHR handler', () => {
  it('calls listeners of the event in order, with its arguments and the emitter as this', () => {
    const emitter = new EventEmitter()
    const calls: string[] = []
    emitter.on('progress', function (this: unknown, loaded: number, total: number) {
      calls.push(`first ${loaded}/${total} ${this === emitter}`)
    })
    emitter.on('progress', (loaded: number) => calls.push(`second ${loaded}`))
    emitter.on('other', () => calls.push('other'))

    expect(emitter.emit('progress', 5, 10)).toBe(true)
    expect(calls).toEqual(['first 5/10 true', 'second 5'])
  })

  it('stops calling a listener taken off, and says when nobody listened', () => {
    const emitter = new EventEmitter()
    const seen: number[] = []
    const listener = (loaded: number) => seen.push(loaded)
    emitter.on('progress', listener)
    emitter.emit('progress', 1)
    emitter.off('progress', listener)

    expect(emitter.emit('progress', 2)).toBe(false)
    expect(seen).toEqual([1])
  })

  it('calls a once listener a single time', () => {
    const emitter = new EventEmitter()
    const seen: number[] = []
    emitter.once('sent', (attempt: number) => seen.push(attempt))
    emitter.emit('sent', 1)
    emitter.emit('sent', 2)

    expect(seen).toEqual([1])
  })

  it('lets a listener remove itself while the event is being emitted', () => {
    const emitter = new EventEmitter()
    const calls: string[] = []
    const selfRemoving = () => {
      calls.push('self')
      emitter.removeListener('progress', selfRemoving)
    }
    emitter.addListener('progress', selfRemoving)
    emitter.on('progress', () => calls.push('next'))
    emitter.emit('progress')
    emitter.emit('progress')

    expect(calls).toEqual(['self', 'next', 'next'])
  })
})
