// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
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
 * A fixed single-thread task (3·10^7 loop steps), timed: on a shared machine the load average
 * misses a slower neighbour, and this shows it. Lower is faster; the median of three.
 */
export function cpuCheckMs(): number {
  const times: number[] = []
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now()
    let sum = 0
    for (let step = 0; step < 3e7; step += 1) sum = (sum + step) % 1_000_003
    if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away')
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[1] ?? Number.NaN
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
