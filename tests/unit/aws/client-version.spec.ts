// The app build hands each AWS client's browser runtime config a package.json that holds only the
// version (vite.config.ts, awsSdkTrims). That is safe while the version is all they read from it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const packageRoot = (name: string) => dirname(require.resolve(`${name}/package.json`))

/** The browser runtime configs of the clients the app bundles (src/aws/session.ts). */
const runtimeConfigs = [
  join(packageRoot('@aws-sdk/client-s3'), 'dist-es/runtimeConfig.browser.js'),
  join(packageRoot('@aws-sdk/client-rekognition'), 'dist-es/runtimeConfig.browser.js'),
  join(
    packageRoot('@aws-sdk/nested-clients'),
    'dist-es/submodules/cognito-identity/runtimeConfig.browser.js',
  ),
]

/** What a module reads from its default import of package.json. */
function fieldsRead(source: string): string[] {
  const imported = /^import (\w+) from "((?:\.\.\/)+package\.json)";$/m.exec(source)
  if (!imported?.[1]) return []
  const name = imported[1]
  const rest = source.replace(imported[0], '')
  const uses = [...rest.matchAll(new RegExp(`\\b${name}\\b(\\.\\w+)?`, 'g'))]
  return uses.map((use) => use[1] ?? '(the whole object)')
}

describe('AWS client package.json trim', () => {
  it.each(runtimeConfigs)('%s reads only the version from its package.json', (file) => {
    const fields = fieldsRead(readFileSync(file, 'utf8'))
    expect(fields.length).toBeGreaterThan(0)
    expect(new Set(fields)).toEqual(new Set(['.version']))
  })

  it('notices a module that reads more than the version', () => {
    const source = [
      'import packageInfo from "../package.json";',
      'export const a = packageInfo.version;',
      'export const b = packageInfo.name;',
      'export const c = packageInfo;',
    ].join('\n')
    expect(fieldsRead(source)).toEqual(['.version', '.name', '(the whole object)'])
  })
})
