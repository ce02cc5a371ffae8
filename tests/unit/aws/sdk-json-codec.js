// The AWS SDK's own JSON codec, which the app build replaces, for comparison in tests.
export { JsonCodec2 } from '../../../node_modules/@smithy/core/dist-es/submodules/protocols/json/codec-v2/JsonCodec2.js'
