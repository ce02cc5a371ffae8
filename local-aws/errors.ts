// One error type for every service: the protocol layer decides how it is written on the wire
// (XML for S3, `__type` JSON for Cognito and Rekognition).
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'AwsError'
  }
}

/** Which family of error names a request gets: S3's or those of the JSON 1.1 services. */
export type ServiceFamily = 's3' | 'json'

/** `decodeURIComponent` that answers a malformed escape as S3 does, not with a crash. */
export function decodeUriPart(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new AwsError('InvalidURI', 400, "Couldn't parse the specified URI.")
  }
}
