// Flat config. The layer fences below are the architecture written as lint rules:
// see README "Architecture" for the folder map they protect.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import prettierConfig from 'eslint-config-prettier/flat'
import globals from 'globals'

const awsSdk = {
  group: ['@aws-sdk/*', '@smithy/*'],
  message: 'Only src/aws/ talks to the AWS SDK; use its app-facing functions instead.',
}
const konva = {
  group: ['konva', 'konva/*'],
  message: 'Only src/components/canvas/ imports Konva.',
}
const uiFrameworks = {
  group: ['vue', 'pinia', '@vue/*', '*.vue'],
  message: 'This layer is framework-free.',
}
const appLayers = {
  group: ['**/components/**', '**/stores/**', '**/composables/**', '**/aws/**', '**/workers/**'],
  message: 'src/lib/ is pure: it imports nothing of ours but other lib modules.',
}
const appUi = {
  group: ['**/src/components/**', '**/src/stores/**', '**/src/composables/**', '**/src/App.vue'],
  message: 'The local endpoint never imports UI code; share pure code through src/lib/.',
}
const awsModule = {
  group: ['**/aws', '**/aws/**', '!**/@aws-sdk/**'],
  message: 'Only src/services/aws-door.ts reaches src/aws/: ask the door (session store) instead.',
}
const uiCode = {
  group: ['**/components/**', '**/composables/**', '*.vue'],
  message: 'Stores and services hold state and logic; they import no components or composables.',
}
const storesFromServices = {
  group: ['**/stores/**'],
  message: 'Services are handed what they need; they never reach into stores.',
}
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'stream', 'buffer', 'url'],
  message: 'src/lib/ runs in browsers and workers too: no Node APIs.',
}

const restrict = (...patterns) => ['error', { patterns }]

/** import('…/aws') loads the AWS module lazily; only the door may do it. */
const lazyAwsImport = [
  'error',
  {
    selector: 'ImportExpression[source.value=/(^|\\/)aws(\\/|$)/]',
    message: 'Only src/services/aws-door.ts loads src/aws/: ask the door (session store) instead.',
  },
]

/** DOM and browser globals that pure library code must not reach for. */
const browserGlobals = Object.keys(globals.browser)
  .filter(
    (name) =>
      !(name in globals.es2021) &&
      ![
        'console',
        'TextEncoder',
        'TextDecoder',
        'URL',
        'URLSearchParams',
        'structuredClone',
        'queueMicrotask',
        'crypto',
        'performance',
        'setTimeout',
        'clearTimeout',
        'atob',
        'btoa',
      ].includes(name),
  )
  .map((name) => ({ name, message: 'src/lib/ is pure: pass what it needs in as arguments.' }))

export default defineConfigWithVueTs(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '.local-aws/**',
      'node_modules/**',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js'],
        },
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [vueTsConfigs.disableTypeChecked],
  },
  // Fences. Each block sets the full list for its files, since a later block replaces the rule.
  {
    files: ['src/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': restrict(awsSdk, konva, awsModule),
      'no-restricted-syntax': lazyAwsImport,
    },
  },
  {
    files: ['src/stores/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(awsSdk, konva, awsModule, uiCode) },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        awsSdk,
        konva,
        awsModule,
        uiCode,
        uiFrameworks,
        storesFromServices,
      ),
    },
  },
  {
    files: ['src/services/aws-door.ts'],
    rules: {
      'no-restricted-imports': restrict(awsSdk, konva, uiCode, uiFrameworks, storesFromServices),
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(konva, uiFrameworks),
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src/components/canvas/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': restrict(awsSdk) },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(awsSdk, konva, uiFrameworks, appLayers, nodeBuiltins),
      'no-restricted-globals': ['error', ...browserGlobals],
    },
  },
  {
    files: ['local-aws/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(konva, uiFrameworks, appUi) },
  },
  {
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(konva) },
  },
  prettierConfig,
)
