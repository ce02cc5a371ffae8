// The product as `npm start` serves it: the built app, its config and the local endpoint.
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import type { RuntimeConfig } from '../../src/lib/runtime-config.ts'
import { startProduct } from '../../scripts/start.ts'

export interface Product {
  url: string
  close(): Promise<void>
}

/**
 * Serves dist/ (already built) with a fresh local endpoint data directory. `allowOrigins`: other
 * pages that call the endpoint (the bench harness), as `npm start -- --allow-origin` allows them.
 */
export async function startBuiltProduct(
  workDir: string,
  options: { allowOrigins?: string[] } = {},
): Promise<Product> {
  const dataDir = await mkdtemp(join(workDir, 'local-aws-data-'))
  const product = await startProduct({
    port: 0,
    dataDir,
    fresh: true,
    skipBuild: true,
    allowOrigins: options.allowOrigins ?? [],
  })
  return { url: product.url, close: () => product.close() }
}

/** The app's runtime config as the product serves it; an error says what is missing. */
export async function productConfig(url: string): Promise<RuntimeConfig> {
  const response = await fetch(new URL('config.json', url))
  if (!response.ok) {
    throw new Error(`the product serves no config.json (HTTP ${response.status}) yet`)
  }
  const config = (await response.json()) as Partial<RuntimeConfig>
  if (!config.endpoint || !config.identityPoolId || !config.imagesBucket || !config.region) {
    throw new Error('the product config has no local endpoint')
  }
  return config as RuntimeConfig
}
