// A Chromium with a DevTools port, for Lighthouse, which drives the browser itself.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { chromiumArgs } from '../../scripts/chromium.ts'
import { chromiumPath } from './browser.ts'

export interface DebuggableChromium {
  port: number
  close(): Promise<void>
}

export async function startDebuggableChromium(workDir: string): Promise<DebuggableChromium> {
  const profile = await mkdtemp(join(workDir, 'chromium-profile-'))
  const child: ChildProcess = spawn(
    chromiumPath(),
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...chromiumArgs,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error('Chromium gave no DevTools port in 30 s')),
      30_000,
    )
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Chromium exited with ${code}: ${output.slice(-500)}`))
    })
  })
  return {
    port,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(profile, { recursive: true, force: true })
    },
  }
}
