// npm run destroy -- --stack-name NAME --region REGION
import { realDestroyDependencies } from './aws-clients.ts'
import { parseDestroyOptions } from './cli-options.ts'
import { destroyApp } from './destroy-app.ts'
import { runCommand } from './run-command.ts'

await runCommand(async () => {
  const options = parseDestroyOptions(process.argv.slice(2), process.env)
  const log = (line: string) => console.log(line)
  await destroyApp(options, realDestroyDependencies(options.region, log))
})
