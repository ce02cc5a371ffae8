// `npm run local-aws -- --port N --data DIR [--allow-origin ORIGIN]…`: just the local AWS
// endpoint, in the foreground. `--allow-origin` lets a browser app on that origin use the bucket
// (the template's ExtraAllowedOrigins); `npm start` passes its own origin itself.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startLocalAws } from './server.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: '.local-aws' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 for any free one), not ${values.port}`)
  process.exit(2)
}
const dataDir = resolve(values.data)
const localAws = await startLocalAws({ port, dataDir, extraOrigins: values['allow-origin'] })
// Scripts and tests wait for exactly this line; the data dir's files are in the README.
console.log(`Local AWS listening on ${localAws.endpoint}`)
const stop = (): void => {
  void localAws.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
