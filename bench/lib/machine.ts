// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { resizeToRgb } from '../../src/lib/detection/resample.ts'
import type { Machine } from './report.ts'

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8')
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(text)?.[1]
    if (pretty) return `${pretty}, kernel ${release()}`
  } catch {
    // Not Linux or no os-release: the kernel name is still worth printing.
  }
  return `${type()} ${release()}`
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' })
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    })
    return `${commit.trim()}${dirty.trim() ? ' (with uncommitted changes)' : ''}`
  } catch {
    return 'unknown'
  }
}

/**
 * A fixed task of the product's own, timed: the shared resampler (src/lib/detection) scaling a
 * 3.7 MP image to the model's input, as the local detector and the device do for each photo. On
 * a shared machine the load average misses a busy neighbour; this shows it (the same code ran
 * twice as slow within an hour here, while a plain arithmetic loop kept its speed). Lower is
 * faster; the median of five.
 */
export function cpuCheckMs(): number {
  const width = 1665
  const height = 2221
  const data = new Uint8Array(width * height * 3)
  for (let index = 0; index < data.length; index += 1) data[index] = (index * 2654435761) >>> 24
  const times: number[] = []
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now()
    resizeToRgb({ data, width, height, channels: 3 }, 384, 512)
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[2] ?? Number.NaN
}

export function describeMachine(chromium: string, lighthouse: string): Machine {
  const processors = cpus()
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown CPU',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg(),
    cpuCheckMs: cpuCheckMs(),
    os: osName(),
    node: process.version,
    chromium,
    lighthouse,
    commit: gitCommit(),
  }
}
