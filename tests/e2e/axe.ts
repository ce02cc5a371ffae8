// axe-core injected into the page under test (the context must bypass the app's CSP), with the
// serious and critical violations printed one node per line, so a failure says what to fix.
import { createRequire } from 'node:module'
import { expect, type Page } from '@playwright/test'
import type { AxeResults, Result } from 'axe-core'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** What axe found on one screen, reduced to what a reader acts on. */
export interface AxeFinding {
  id: string
  impact: string
  help: string
  nodes: string[]
}

function findingOf(result: Result): AxeFinding {
  return {
    id: result.id,
    impact: result.impact ?? 'unknown',
    help: result.help,
    nodes: result.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }
}

export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.id} (${finding.impact}, ${finding.nodes.length}): ${finding.help}\n` +
        finding.nodes.map((node) => `    ${node.replace(/\s+/g, ' ')}`).join('\n'),
    )
    .join('\n')
}

/**
 * Every violation axe finds on the page as it is now: the WCAG 2.2 A and AA rules, best
 * practices, and the experimental rules (label-content-name-mismatch is one of them).
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
      runOnly: {
        type: 'tag',
        values: [
          'wcag2a',
          'wcag2aa',
          'wcag21a',
          'wcag21aa',
          'wcag22aa',
          'best-practice',
          'experimental',
        ],
      },
      resultTypes: ['violations'],
    }),
  )
  return results.violations.map(findingOf)
}

interface AxeInPage {
  setup(node: Node): unknown
  teardown(): void
  commons: { text: { accessibleText(element: Element): string } }
}

/**
 * Names that more than one operable control shares, in the part of the page a user can reach now
 * (inside the topmost modal dialog when one is open). Radio buttons are left out: each is named
 * by its own option. Needs axe in the page (it computes names as assistive technology does).
 */
export async function duplicateControlNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const axe = (window as unknown as { axe: AxeInPage }).axe
    const modals = [...document.querySelectorAll('dialog')].filter((d) => d.matches(':modal'))
    const scope: ParentNode = modals.at(-1) ?? document
    const controls = [
      ...scope.querySelectorAll<HTMLElement>(
        'button, input:not([type="radio"]):not([type="hidden"]), select, textarea, a[href], [role="button"], [role="checkbox"], [role="switch"]',
      ),
    ].filter((element) => element.checkVisibility() && !element.closest('[inert]'))
    axe.setup(document)
    try {
      const counts = new Map<string, number>()
      for (const control of controls) {
        const name = axe.commons.text.accessibleText(control).trim()
        counts.set(name, (counts.get(name) ?? 0) + 1)
      }
      return [...counts]
        .filter(([, count]) => count > 1)
        .map(([name, count]) => `${name} ×${count}`)
    } finally {
      axe.teardown()
    }
  })
}

/**
 * Fails the test on any serious or critical violation, listing each one readably, and on a
 * name that two controls share. A soft
 * failure: the test goes on to its next screen, so one run reports every screen.
 */
export async function expectNoSeriousViolations(page: Page, state: string): Promise<AxeFinding[]> {
  const findings = await axeFindings(page)
  const serious = findings.filter(
    (finding) => finding.impact === 'serious' || finding.impact === 'critical',
  )
  const lines = describeFindings(findings)
  if (lines) console.log(`axe, ${state}:\n${lines}`)
  expect
    .soft(serious, `serious or critical axe violations on ${state}:\n${describeFindings(serious)}`)
    .toEqual([])
  return findings
}
