// npm run resume -- --stack-name NAME --region REGION
import { realResumeDependencies } from './aws-clients.ts'
import { parseResumeOptions } from './cli-options.ts'
import { resumeGuests } from './resume-app.ts'
import { runCommand } from './run-command.ts'

await runCommand(async () => {
  const options = parseResumeOptions(process.argv.slice(2), process.env)
  const log = (line: string) => console.log(line)
  await resumeGuests(options, realResumeDependencies(options.region, log))
})
