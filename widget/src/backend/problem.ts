/**
 * Reading the backend's `application/problem+json` answers (RFC 9457) without trusting them:
 * a proxy's HTML error page, an empty 413 or a foreign backend's field names still give the widget
 * a usable problem and field paths it can map to its inputs.
 */
import type { ProblemDetails, ProblemFieldError } from '../../../core/contract/problem.ts';

export type { ProblemDetails, ProblemFieldError };

/** A problem for an answer that carried none (or an unreadable one): the status says it all. */
export function genericProblem(status: number, title?: string): ProblemDetails {
  return { type: 'about:blank', title: title || `HTTP ${status}`, status };
}

/**
 * The widget's dotted field path for a JSON pointer (`/customer/email`, `#/attachments/0/type`),
 * a dotted path (`customer.email`), bracket indexes (`attachments[0].type`) or JSONPath (`$.subject`).
 * An empty result means the whole ticket.
 */
export function normalizeFieldPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed.startsWith('/') || trimmed.startsWith('#/') || trimmed === '#') {
    return trimmed
      .replace(/^#/, '')
      .split('/')
      .slice(1)
      .map((token) => safeDecode(token).replaceAll('~1', '/').replaceAll('~0', '~'))
      .filter((token) => token !== '')
      .join('.');
  }
  return trimmed
    .replace(/^\$\.?/, '')
    .replace(/\[["']?([^\]"']*)["']?\]/g, '.$1')
    .split('.')
    .filter((token) => token !== '')
    .join('.');
}

/** Pointers taken from a URI fragment are percent-encoded; a stray "%" must not throw. */
function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One field error from whatever the server sent; `pointer` and array paths are common elsewhere. */
function fieldError(value: unknown): ProblemFieldError | undefined {
  if (!isRecord(value)) return undefined;
  const rawPath = value.path ?? value.pointer ?? value.field;
  const path = Array.isArray(rawPath) ? rawPath.map(String).join('.') : text(rawPath);
  if (path === undefined) return undefined;
  return { path: normalizeFieldPath(path), code: text(value.code) ?? 'invalid', message: text(value.message) ?? text(value.detail) ?? '' };
}

/** Shapes a parsed JSON body into a problem, falling back field by field to what the status tells. */
export function toProblem(body: unknown, status: number, statusText?: string): ProblemDetails {
  if (!isRecord(body)) return genericProblem(status, statusText);
  const problem: ProblemDetails = {
    type: text(body.type) || 'about:blank',
    title: text(body.title) || statusText || `HTTP ${status}`,
    status: Number.isInteger(body.status) ? (body.status as number) : status,
  };
  const detail = text(body.detail);
  if (detail !== undefined) problem.detail = detail;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.map(fieldError).filter((error) => error !== undefined);
  }
  return problem;
}

/**
 * The problem in a response, never throwing: a missing body or one that is not JSON (a proxy's HTML
 * page) gives a generic problem with the response's status. The content type is not required to be
 * `application/problem+json`, since some frameworks label problems `application/json`.
 */
export async function readProblem(response: Response): Promise<ProblemDetails> {
  try {
    return toProblem(JSON.parse(await response.text()), response.status, response.statusText);
  } catch {
    return genericProblem(response.status, response.statusText);
  }
}
