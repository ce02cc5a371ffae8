// The raw request URL as clients signed it: path and query still percent-encoded, split and
// parsed without the normalisation of `URL` (which would change what the signature covers).
import type { QueryParameterBag } from '@smithy/types'
import { decodeUriPart } from './errors.ts'

/** Splits the raw query without turning `+` into a space; `?location` becomes `location: ''`. */
export function parseRawQuery(rawQuery: string): QueryParameterBag {
  const query: QueryParameterBag = {}
  for (const part of rawQuery.split('&')) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const key = decodeUriPart(equals < 0 ? part : part.slice(0, equals))
    const value = equals < 0 ? '' : decodeUriPart(part.slice(equals + 1))
    const existing = query[key]
    if (existing === undefined || existing === null) query[key] = value
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return query
}

export function splitUrl(rawUrl: string): { rawPath: string; rawQuery: string } {
  const mark = rawUrl.indexOf('?')
  return mark < 0
    ? { rawPath: rawUrl, rawQuery: '' }
    : { rawPath: rawUrl.slice(0, mark), rawQuery: rawUrl.slice(mark + 1) }
}
