// The AWS SDK's own XML request writer, which the app build replaces, for comparison in tests.
export { XmlShapeSerializer } from '../../../node_modules/@aws-sdk/core/dist-es/submodules/protocols/xml/XmlShapeSerializer.js'
