// Bounded concurrency with a bounded queue: work past both limits is refused at once, so an
// overload turns into ThrottlingException answers instead of unbounded memory and latency.
export class QueueFullError extends Error {
  constructor() {
    super('Rate exceeded')
    this.name = 'QueueFullError'
  }
}

export class ConcurrencyLimiter {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly maxActive: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxQueued) throw new QueueFullError()
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.active++
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      // The slot passes straight to the next waiter, so `active` only drops when none waits.
      if (next) next()
      else this.active--
    }
  }
}
