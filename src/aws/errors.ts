// SDK and browser errors → app errors that say what happened and what to do.
import { type AppError, isAppError, mapFailedCall } from '../lib/app-errors'

function describe(error: unknown): { name: string; message: string; httpStatus?: number } {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) }
  const record = error as {
    name?: unknown
    Code?: unknown
    code?: unknown
    message?: unknown
    $metadata?: unknown
  }
  const metadata = record.$metadata as { httpStatusCode?: unknown } | undefined
  const code = typeof record.Code === 'string' ? record.Code : undefined
  const name = code ?? (typeof record.name === 'string' ? record.name : 'Error')
  const message = typeof record.message === 'string' ? record.message : ''
  const status = metadata?.httpStatusCode
  return typeof status === 'number' ? { name, message, httpStatus: status } : { name, message }
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  const online = typeof navigator === 'undefined' ? true : navigator.onLine
  return mapFailedCall({ ...describe(error), online })
}
