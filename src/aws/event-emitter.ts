// The XHR handler extends Node's EventEmitter only to report upload progress. Bundled for the
// browser, `events` is the whole Node polyfill (about 2 KiB gzip); vite.config.ts points the
// handler's import here instead. Listeners run in order with the emitter as `this`, as in Node.
type Listener = (...args: never[]) => void

export class EventEmitter {
  readonly #listeners = new Map<string | symbol, Listener[]>()

  on(event: string | symbol, listener: Listener): this {
    const listeners = this.#listeners.get(event)
    if (listeners) listeners.push(listener)
    else this.#listeners.set(event, [listener])
    return this
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener)
  }

  once(event: string | symbol, listener: Listener): this {
    const once = (...args: never[]) => {
      this.off(event, once)
      Reflect.apply(listener, this, args)
    }
    return this.on(event, once)
  }

  off(event: string | symbol, listener: Listener): this {
    const listeners = this.#listeners.get(event)
    const index = listeners?.lastIndexOf(listener) ?? -1
    if (listeners && index >= 0) listeners.splice(index, 1)
    return this
  }

  removeListener(event: string | symbol, listener: Listener): this {
    return this.off(event, listener)
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const listeners = this.#listeners.get(event)
    if (!listeners?.length) return false
    for (const listener of [...listeners]) Reflect.apply(listener, this, args)
    return true
  }
}
