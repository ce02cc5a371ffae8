// npm run deploy -- --stack-name NAME --region REGION [options]: see cli-options.ts.
import { realDeployDependencies } from './aws-clients.ts'
import { parseDeployOptions } from './cli-options.ts'
import { deployApp } from './deploy-app.ts'
import { runCommand } from './run-command.ts'

await runCommand(async () => {
  const options = parseDeployOptions(process.argv.slice(2), process.env)
  const log = (line: string) => console.log(line)
  await deployApp(options, await realDeployDependencies(options.region, log))
})
