import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import tseslint from 'typescript-eslint'

// Lint snippets as if they lived at a given path, through the project's own config, so each
// fence is proven to fire where it should and to stay quiet where the import is allowed.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// The snippets' paths do not exist, so type-aware parsing is switched off for them; the fences
// are syntactic rules and fire the same way.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    { languageOptions: { parserOptions: { projectService: false, project: null } } },
    tseslint.configs.disableTypeChecked,
  ],
})

async function fenceMessages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === 'no-restricted-imports' ||
        m.ruleId === 'no-restricted-globals' ||
        m.ruleId === 'no-restricted-syntax',
    )
    .map((m) => m.message)
}

const sdkImport = "import { S3Client } from '@aws-sdk/client-s3'\nexport const c = S3Client\n"
const konvaImport = "import Konva from 'konva'\nexport const k = Konva\n"

describe('layer fences', () => {
  it('rejects the AWS SDK in components, stores and lib', async () => {
    for (const file of ['src/stores/photo.ts', 'src/composables/useX.ts', 'src/lib/x.ts']) {
      const messages = await fenceMessages(sdkImport, file)
      expect(messages.join('\n'), file).toMatch(/src\/aws\//)
    }
  })

  it('allows the AWS SDK in src/aws, local-aws, infra and tests', async () => {
    for (const file of [
      'src/aws/s3.ts',
      'local-aws/x.ts',
      'infra/deploy.ts',
      'tests/local-aws/x.spec.ts',
    ]) {
      expect(await fenceMessages(sdkImport, file), file).toEqual([])
    }
  })

  it('rejects Konva outside src/components/canvas', async () => {
    for (const file of ['src/stores/photo.ts', 'src/lib/x.ts', 'src/aws/s3.ts']) {
      const messages = await fenceMessages(konvaImport, file)
      expect(messages.join('\n'), file).toMatch(/Konva/)
    }
    expect(await fenceMessages(konvaImport, 'src/components/canvas/Editor.ts')).toEqual([])
  })

  it('keeps src/lib free of Vue, app layers, Node APIs and DOM globals', async () => {
    const vue = await fenceMessages(
      "import { ref } from 'vue'\nexport const r = ref(1)\n",
      'src/lib/x.ts',
    )
    expect(vue.join('\n')).toMatch(/framework-free/)

    const store = await fenceMessages(
      "import { usePhotoStore } from '../stores/photo'\nexport const s = usePhotoStore\n",
      'src/lib/x.ts',
    )
    expect(store.join('\n')).toMatch(/pure/)

    const node = await fenceMessages(
      "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
      'src/lib/x.ts',
    )
    expect(node.join('\n')).toMatch(/Node APIs/)

    const dom = await fenceMessages(
      'export const w = document.title + window.name\n',
      'src/lib/x.ts',
    )
    expect(dom).toHaveLength(2)

    // The same DOM access is fine in a component's script.
    expect(
      await fenceMessages('export const w = document.title\n', 'src/composables/useTitle.ts'),
    ).toEqual([])
  })

  it('keeps the AWS layer free of Vue', async () => {
    const messages = await fenceMessages(
      "import { ref } from 'vue'\nexport const r = ref(1)\n",
      'src/aws/s3.ts',
    )
    expect(messages.join('\n')).toMatch(/framework-free/)
  })

  it('keeps UI code out of the local endpoint', async () => {
    const messages = await fenceMessages(
      "import { usePhotoStore } from '../src/stores/photo'\nexport const s = usePhotoStore\n",
      'local-aws/server.ts',
    )
    expect(messages.join('\n')).toMatch(/never imports UI/)
    expect(
      await fenceMessages(
        "import { clampNormalizedBox } from '../src/lib/geometry'\nexport const c = clampNormalizedBox\n",
        'local-aws/server.ts',
      ),
    ).toEqual([])
  })

  it('lets only the AWS door reach src/aws/, statically or lazily', async () => {
    const staticImport = "import { uploadPhoto } from '../aws'\nexport const u = uploadPhoto\n"
    const typeImport = "import type { AwsSession } from '../aws'\nexport type S = AwsSession\n"
    const lazyImport = "export const load = () => import('../aws')\n"
    for (const file of ['src/stores/photo.ts', 'src/services/photo-pipeline.ts']) {
      for (const code of [staticImport, typeImport, lazyImport]) {
        const messages = await fenceMessages(code, file)
        expect(messages.join('\n'), `${file}: ${code}`).toMatch(/aws-door\.ts/)
      }
    }
    const fromComponent = await fenceMessages(
      "import { uploadPhoto } from '../../aws/photos'\nexport const u = uploadPhoto\n",
      'src/components/photo/photo-helpers.ts',
    )
    expect(fromComponent.join('\n')).toMatch(/aws-door\.ts/)
    for (const code of [staticImport, typeImport, lazyImport]) {
      expect(await fenceMessages(code, 'src/services/aws-door.ts'), code).toEqual([])
    }
  })

  it('keeps components and composables out of stores', async () => {
    for (const code of [
      "import { useUndoShortcuts } from '../composables/useUndoShortcuts'\nexport const u = useUndoShortcuts\n",
      "import LabelPanel from '../components/labels/LabelPanel.vue'\nexport const l = LabelPanel\n",
    ]) {
      const messages = await fenceMessages(code, 'src/stores/editor.ts')
      expect(messages.join('\n'), code).toMatch(/no components or composables/)
    }
    expect(
      await fenceMessages(
        "import { useSessionStore } from './session'\nexport const s = useSessionStore\n",
        'src/stores/editor.ts',
      ),
    ).toEqual([])
  })

  it('keeps services free of stores, components and Vue', async () => {
    const messages = await fenceMessages(
      "import { useSessionStore } from '../stores/session'\nimport { ref } from 'vue'\nexport const s = [useSessionStore, ref]\n",
      'src/services/photo-pipeline.ts',
    )
    expect(messages.join('\n')).toMatch(/never reach into stores/)
    expect(messages.join('\n')).toMatch(/framework-free/)
  })
})
