// Shared ending of the deploy, destroy and resume commands: --help prints the usage and exits 0,
// messages meant for people are printed as they are, anything unexpected with its stack, and the
// exit code says which.
import { UsageRequested } from './cli-options.ts'
import { DeployError } from './deploy-errors.ts'

export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (error) {
    if (error instanceof UsageRequested) {
      console.log(error.message)
      return
    }
    if (error instanceof DeployError) {
      console.error(`\n✗ ${error.message}`)
    } else {
      console.error('\n✗ Unexpected error:', error)
    }
    process.exitCode = 1
  }
}
