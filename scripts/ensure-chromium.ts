// Makes sure a Chromium exists before the end-to-end tests run, installing one if needed.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChromium } from './chromium.ts'

function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

const found = findChromium()
if (found) {
  console.log(`Chromium for end-to-end tests: ${found}`)
} else if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`)
  process.exit(1)
} else {
  const isRoot = process.getuid?.() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (isRoot && hasApt) {
    console.log(
      'No Chromium found: installing Debian/Ubuntu chromium with apt-get (about a minute).',
    )
    run('apt-get', ['update', '-qq'])
    run('apt-get', ['install', '-y', '-qq', 'chromium'])
  } else {
    console.log(
      'No Chromium found: installing Playwright\'s Chromium with "npx playwright install chromium".',
    )
    run('npx', ['playwright', 'install', 'chromium'])
  }
  const installed = findChromium()
  if (!installed) {
    console.error(
      'Chromium is still missing. Install it yourself and set CHROMIUM_PATH to its path.',
    )
    process.exit(1)
  }
  console.log(`Chromium for end-to-end tests: ${installed}`)
}
