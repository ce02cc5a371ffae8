import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { webAppManifest } from './src/lib/web-app-manifest.ts'
import { prerenderStartScreen } from './scripts/prerender-start-screen.ts'

/**
 * The XHR upload handler imports Node's `events` only for its progress emitter; in a browser
 * bundle that is the whole polyfill. Its import gets the small emitter in src/aws/ instead.
 */
function xhrHandlerEmitter(): Plugin {
  const emitter = fileURLToPath(new URL('./src/aws/event-emitter.ts', import.meta.url))
  return {
    name: 'xhr-handler-emitter',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'events' && importer?.includes('/@aws-sdk/xhr-http-handler/')) return emitter
      return null
    },
  }
}

/**
 * Pieces of the AWS SDK the app never runs, replaced by small stand-ins in src/aws/sdk-trims/
 * (each says why, and refuses what it does not cover): the endpoint rules of the S3, Rekognition
 * and Cognito Identity clients (with them the partition data and the rules engine), the
 * event-stream codec, the JSON codec, the XML request writer, the adaptive retry strategy, the
 * S3 client's multi-region signer, its S3 Express (directory bucket) sessions and its region
 * redirects; and each client's package.json, of which only the version is read. About 26 KiB
 * gzip of the AWS chunk.
 */
const endpointTrims: [clientFolder: string, trim: string][] = [
  ['/@aws-sdk/client-s3/', 's3-endpoint.ts'],
  ['/@aws-sdk/client-rekognition/', 'rekognition-endpoint.ts'],
  ['/@aws-sdk/nested-clients/dist-es/submodules/cognito-identity/', 'cognito-identity-endpoint.ts'],
]

/**
 * Each client's browser runtime config imports its whole package.json (scripts, dependencies,
 * descriptions: about 2.9 KiB gzip of the AWS chunk for the three clients) to read one field,
 * the version in the user agent. The import gets a package.json with that version alone, read
 * from the same file. tests/unit/aws/client-version.spec.ts checks the clients read nothing else.
 */
const clientVersionPrefix = '\0aws-sdk-client-version:'
const isClientRuntimeConfig = (importer: string | undefined) =>
  /\/@aws-sdk\/(client-[a-z0-9-]+|nested-clients\/dist-es\/submodules\/[a-z0-9-]+)\/(dist-es\/)?runtimeConfig\.browser\.js$/.test(
    importer ?? '',
  )

/** The S3 Express and region-redirect modules of middleware-sdk-s3, as its own files import them. */
const s3ExpressModule =
  /\/middleware-s3-express\/(functions\/s3Express\w*Middleware|classes\/S3ExpressIdentityProviderImpl)$/
const regionRedirectModule =
  /^\.\/middleware-region-redirect\/region-redirect-(endpoint-)?middleware$/

function awsSdkTrims(): Plugin {
  const trim = (file: string) =>
    fileURLToPath(new URL(`./src/aws/sdk-trims/${file}`, import.meta.url))
  return {
    name: 'aws-sdk-trims',
    enforce: 'pre',
    load(id) {
      if (!id.startsWith(clientVersionPrefix)) return null
      const packageJson = id.slice(clientVersionPrefix.length)
      const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }
      return JSON.stringify({ version })
    },
    resolveId(source, importer) {
      if (/^(\.\.\/)+package\.json$/.test(source) && importer && isClientRuntimeConfig(importer))
        return clientVersionPrefix + fileURLToPath(new URL(source, pathToFileURL(importer)))
      if (source === '@smithy/core/event-streams') return trim('event-streams.ts')
      if (source === './json/codec-v2/JsonCodec2' && importer?.includes('/@smithy/core/'))
        return trim('json-codec.ts')
      if (source === './XmlShapeSerializer' && importer?.includes('/@aws-sdk/core/'))
        return trim('xml-serializer.ts')
      if (source === '../util-retry/AdaptiveRetryStrategy' && importer?.includes('/@smithy/core/'))
        return trim('adaptive-retry.ts')
      if (
        source === '@aws-sdk/signature-v4-multi-region' &&
        importer?.includes('/@aws-sdk/client-s3/')
      )
        return trim('sigv4-multi-region.ts')
      if (importer?.includes('/@aws-sdk/middleware-sdk-s3/')) {
        if (s3ExpressModule.test(source)) return trim('s3-express.ts')
        if (regionRedirectModule.test(source)) return trim('s3-region-redirect.ts')
      }
      // The S3 client hands this command to its S3 Express session provider, and nothing else.
      if (
        source === './commands/CreateSessionCommand' &&
        importer?.endsWith('/client-s3/dist-es/S3Client.js')
      )
        return trim('s3-express.ts')
      // Each client's config and (for S3) its auth scheme provider import the rules.
      if (/^\.\.?\/endpoint\/endpointResolver$/.test(source) && importer) {
        const client = endpointTrims.find(([folder]) => importer.includes(folder))
        if (client) return trim(client[1])
      }
      return null
    },
  }
}

/**
 * The S3 client's checksum code and its MD5 and stream hasher, which the app never runs
 * (src/aws/sdk-trims/flexible-checksums.ts says why). Build only: the local endpoint's tests use
 * the real SDK's checksums.
 */
function awsChecksumTrim(): Plugin {
  const trim = fileURLToPath(new URL('./src/aws/sdk-trims/flexible-checksums.ts', import.meta.url))
  return {
    name: 'aws-sdk-checksum-trim',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/@aws-sdk/client-s3/')) return null
      if (
        source === '@aws-sdk/checksums/flexible-checksums' ||
        source === '@aws-sdk/checksums/sha' ||
        source === '@smithy/core/checksum'
      )
        return trim
      return null
    },
  }
}

// No component uses the Options API, and production builds carry no devtools hooks.
const vueFlags = {
  __VUE_OPTIONS_API__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
}

/** src/boot.ts, the page's first script: a chunk of its own. */
const isBootModule = (id: string) => id.endsWith('/src/boot.ts')

// One config for the app build and for Vitest's projects, so both resolve modules the same way.
export default defineConfig({
  plugins: [
    vue(),
    prerenderStartScreen({ entry: 'src/prerender.ts', boot: 'src/boot.ts', define: vueFlags }),
    xhrHandlerEmitter(),
    awsSdkTrims(),
    awsChecksumTrim(),
    // The service worker (src/sw/) and the web app manifest. The page registers the worker itself
    // (src/main.ts), so no registration code joins the startup bundle.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      manifest: webAppManifest('/'),
      includeManifestIcons: false,
      injectManifest: {
        // The app shell. The on-device model's weights and wasm are cached when first used
        // (the service worker's runtime route), not precached for everyone.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        globIgnores: ['**/node_modules/**', '.vite/**'],
        // A classic worker: module service workers are newer than some phones' browsers.
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
  ],
  define: vueFlags,
  build: {
    target: 'es2022',
    sourcemap: false,
    // The budget check reads this manifest to tell startup chunks from lazy ones.
    manifest: true,
    rolldownOptions: {
      output: {
        // A few chunks along the app's real load boundaries instead of ~25 automatic ones: gzip
        // compresses one 90 KiB SDK chunk much better than eight pieces of it. Startup is one
        // chunk; the AWS clients, the editor and My photos load after first paint (App.vue's
        // warmUp); the zip exporters only when an export starts. Dependencies stay where their
        // own group puts them, so no lazy chunk drags a later one into an earlier load.
        codeSplitting: {
          includeDependenciesRecursively: false,
          // Vite's module ids use forward slashes on every platform.
          groups: [
            // The page's first script (src/boot.ts, an entry of its own) stays out of it: it runs
            // before the startup chunk.
            {
              name: 'index',
              tags: ['$initial'],
              test: (id) => !isBootModule(id),
              priority: 5,
            },
            // What the start screen shows once config.json is read (its checks, the photo picker
            // and the chosen photo's progress, where photos go, the detection settings): fetched
            // alongside config.json.
            {
              name: 'configured',
              test: /\/src\/(lib\/(runtime-config|detection-settings|photo-preparation)\.ts|stores\/settings\.ts|components\/app\/(StartNotes|PrivacyNote)\.vue|components\/my-photos\/GuestPhotosNote\.vue|components\/photo\/(PhotoPicker|PhotoStatus)\.vue|composables\/useMediaQuery\.ts)/,
              priority: 4,
            },
            {
              name: 'export',
              test: /\/node_modules\/fflate\/|\/src\/(components\/export\/ExportDialog\.vue|composables\/useExportZip\.ts|lib\/export\/(zip|coco|csv|voc|yolo)\.ts)/,
              priority: 4,
            },
            // On-device detection's app side: its worker (TF.js, the model) is a bundle of its
            // own, this client loads only when the device is chosen, and the offline download
            // (with its asset URLs) only when Settings asks for it.
            {
              name: 'on-device',
              test: /\/src\/(services\/(device-detector|offline-model)|workers\/(detect-labels-client|on-device-assets))\.ts$|\.(json|bin|wasm)\?url$/,
              priority: 4,
            },
            { name: 'aws', test: /\/node_modules\/(@aws-sdk|@smithy)\/|\/src\/aws\//, priority: 3 },
            {
              name: 'konva',
              test: /\/node_modules\/konva\/|\/src\/components\/canvas\//,
              priority: 2,
            },
            {
              name: 'workspace',
              test: (id) => /^(?!.*\/node_modules\/).*\/src\//.test(id) && !isBootModule(id),
              priority: 1,
            },
          ],
        },
      },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      // The detection worker's lazily loaded pieces (a TF.js backend each) under a name that
      // says whose they are; the bundle test keeps them apart from the app's own JS.
      output: { chunkFileNames: 'assets/detect-labels.worker-[name]-[hash].js' },
    },
  },
  server: {
    host: '127.0.0.1',
  },
  preview: {
    host: '127.0.0.1',
  },
  test: {
    // A focused test (it.only) left in a commit would silently skip the rest on CI.
    allowOnly: !process.env.CI,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.spec.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/setup-dom.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lint',
          include: ['tests/lint/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'local-aws',
          include: ['tests/local-aws/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
})
