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

export function describeMachine(chromium: string, lighthouse: string): Machine {
  const processors = cpus()
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown CPU',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg(),
    os: osName(),
    node: process.version,
    chromium,
    lighthouse,
    commit: gitCommit(),
  }
}
