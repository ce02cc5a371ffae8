import { describe, expect, it } from 'vitest'
import { budgetFailures, figure, type Report } from '../../bench/lib/report'

function report(sections: Report['sections']): Report {
  return {
    startedAt: '2026-12-07T10:00:00.000Z',
    finishedAt: '2026-12-07T10:05:00.000Z',
    machine: {
      cpuModel: 'test',
      cores: 2,
      memoryGiB: 24,
      loadAverage: [0.5, 0.5, 0.5],
      os: 'linux',
      node: 'v20',
      chromium: '156',
      lighthouse: '12.8.2',
      commit: 'abc',
    },
    loadAverageAtEnd: [0.5, 0.5, 0.5],
    runs: 5,
    photo: { bytes: 1, width: 1, height: 1, orientation: 1, sha256: 'x' },
    sections,
  }
}

const budget = { max: 100, text: '≤ 100 ms' }

describe('bench --check', () => {
  it('passes when every budgeted figure holds, whatever the information figures say', () => {
    const figures = [figure('a', 99.9, 'ms', { budget }), figure('b', 5000, 'ms')]
    expect(
      budgetFailures(report([{ id: 's', title: 'S', method: '', figures, seconds: 1 }])),
    ).toEqual([])
  })

  it('fails on a figure over its budget, on one not measured, and on a section not measured', () => {
    const figures = [
      figure('over', 100.5, 'ms', { budget }),
      figure('missing', null, 'ms', { budget, note: 'no Chromium' }),
    ]
    const failures = budgetFailures(
      report([
        { id: 's', title: 'S', method: '', figures, seconds: 1 },
        { id: 't', title: 'T', method: '', figures: [], notMeasured: 'harness failed', seconds: 0 },
      ]),
    )
    expect(failures).toEqual([
      'S: over is 100.50 ms, budget ≤ 100 ms',
      'S: missing not measured (no Chromium)',
      'T: not measured (harness failed)',
    ])
  })
})
