// Stands in for `@smithy/core/event-streams` in the app's build (vite.config.ts). Event streams
// carry S3 SelectObjectContent and Rekognition's streaming APIs; none of the app's operations
// (PutObject, GetObject, ListObjectsV2, DeleteObject, DetectLabels, Cognito's GetId and
// GetCredentialsForIdentity) use them, and the real module is about 3 KiB gzip of the AWS chunk.
// Clients still build their (unused) marshaller at construction, so this gives them one that
// says what happened if anything ever called it.

function notUsed(): never {
  throw new Error('Event streams are not part of this app build (see src/aws/sdk-trims/).')
}

const unusedMarshaller = { serialize: notUsed, deserialize: notUsed }

export const eventStreamSerdeProvider = () => unusedMarshaller

export function resolveEventStreamSerdeConfig<
  T extends { eventStreamSerdeProvider: (input: T) => unknown },
>(input: T): T & { eventStreamMarshaller: unknown } {
  return Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) })
}

export class EventStreamSerde {
  constructor() {
    notUsed()
  }
}
