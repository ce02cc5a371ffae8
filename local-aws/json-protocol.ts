// The JSON 1.1 protocol of Cognito Identity and Rekognition: `POST /` with `X-Amz-Target`
// naming the operation. Each known target says how large its body may be, whether it is signed,
// and which service answers it; detections are admitted through a bounded queue first.
import { once } from 'node:events'
import type { IncomingMessage } from 'node:http'
import type { CognitoRequest, CognitoService } from './cognito.ts'
import { AwsError } from './errors.ts'
import { distinctHeaders, header, readBody } from './incoming.ts'
import { QueueFullError, type ConcurrencyLimiter } from './limiter.ts'
import type { RekognitionService } from './rekognition.ts'
import type { Reply, RequestLog } from './reply.ts'
import { verifySignature, type CredentialLookup } from './sigv4.ts'
import type { Caller } from './state.ts'

export interface JsonProtocolDeps {
  cognito: CognitoService
  rekognition: RekognitionService
  /** Admission for detections: how many run and how many may wait. */
  detections: ConcurrencyLimiter
  findCredential: CredentialLookup
  now(): Date
  authorize(caller: Caller, action: string, resource: string, keys: Record<string, string>): boolean
}

type JsonInput = Record<string, unknown>

interface JsonService {
  /** Largest body, and the error a larger one gets. */
  maxBodyBytes: number
  tooLarge(): AwsError
  /** The SigV4 service name when calls are signed; undefined for unsigned calls (guests). */
  signedAs?: 'rekognition' | 'cognito-identity'
  /** Whether calls wait in the detections queue (and are throttled when it is full). */
  queued?: boolean
  /** Answers the call; `log` learns the caller once the service knows it. */
  answer(
    deps: JsonProtocolDeps,
    operation: string,
    input: JsonInput,
    caller: Caller | undefined,
    log: RequestLog,
    request: CognitoRequest,
  ): Promise<Record<string, unknown>>
}

/**
 * Cognito Identity: the guest calls are unsigned, as in AWS; the pool's settings
 * (DescribeIdentityPool, UpdateIdentityPool: how the daily cap pauses guests) take the admin
 * key, which cognito.ts checks itself on the request.
 */
const cognitoCall: JsonService = {
  maxBodyBytes: 64 * 1024,
  tooLarge: () => new AwsError('SerializationException', 400, 'Request body is too large.'),
  async answer(deps, operation, input, _caller, log, request) {
    const answer = await deps.cognito.handle(operation, input, request)
    if (answer.caller) log.caller = answer.caller
    return answer.result
  },
}

const detectLabels: JsonService = {
  maxBodyBytes: 16 * 1024 * 1024,
  tooLarge: () => new AwsError('ImageTooLargeException', 400, 'Request body is too large.'),
  signedAs: 'rekognition',
  queued: true,
  answer(deps, _operation, input, caller) {
    if (!caller)
      throw new AwsError('MissingAuthenticationTokenException', 400, 'Missing Authentication Token')
    return deps.rekognition.detectLabels(caller, input)
  },
}

/** Every `X-Amz-Target` this endpoint answers, and how. One more operation is one more entry. */
const targets: Record<string, JsonService> = {
  'AWSCognitoIdentityService.GetId': cognitoCall,
  'AWSCognitoIdentityService.GetCredentialsForIdentity': cognitoCall,
  'AWSCognitoIdentityService.DescribeIdentityPool': cognitoCall,
  'AWSCognitoIdentityService.UpdateIdentityPool': cognitoCall,
  'RekognitionService.DetectLabels': detectLabels,
}

function parseInput(body: Buffer): JsonInput {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'))
  } catch {
    throw new AwsError('SerializationException', 400, 'Malformed JSON in the request body.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 400, 'Expected a JSON object as the request body.')
  }
  return parsed as JsonInput
}

export function createJsonProtocol(
  deps: JsonProtocolDeps,
): (request: IncomingMessage, log: RequestLog) => Promise<Reply> {
  async function call(
    request: IncomingMessage,
    service: JsonService,
    operation: string,
    log: RequestLog,
  ): Promise<Reply> {
    if (Number(header(request, 'content-length') ?? 0) > service.maxBodyBytes) {
      throw service.tooLarge()
    }
    const body = await readBody(request, service.maxBodyBytes)
    if (!body) throw service.tooLarge()
    let caller: Caller | undefined
    const signed: CognitoRequest = {
      method: request.method ?? 'POST',
      rawUrl: request.url ?? '/',
      headers: distinctHeaders(request),
      body,
    }
    if (service.signedAs) {
      const credential = await verifySignature(
        { ...signed, service: service.signedAs },
        deps.findCredential,
        deps.now(),
      )
      caller = credential.caller
      log.caller = caller
      const action = `${service.signedAs}:${operation}`
      if (!deps.authorize(caller, action, '*', {})) {
        const who = caller.kind === 'admin' ? 'admin' : caller.identityId
        throw new AwsError(
          'AccessDeniedException',
          400,
          `User: ${who} is not authorized to perform: ${action}`,
        )
      }
    }
    const result = await service.answer(deps, operation, parseInput(body), caller, log, signed)
    return {
      status: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(result),
    }
  }

  return async (request, log) => {
    const target = header(request, 'x-amz-target') ?? ''
    const operation = target.split('.')[1] ?? ''
    log.operation = operation || target
    const service = Object.hasOwn(targets, target) ? targets[target] : undefined
    if (!service) {
      throw new AwsError('UnknownOperationException', 400, `Unknown operation ${target}`)
    }
    if (!service.queued) return call(request, service, operation, log)
    try {
      return await deps.detections.run(() => call(request, service, operation, log))
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error
      // Read the refused body to its end, so the client gets the answer, not a reset.
      request.resume()
      await once(request, 'end')
      throw new AwsError('ThrottlingException', 400, 'Rate exceeded')
    }
  }
}
