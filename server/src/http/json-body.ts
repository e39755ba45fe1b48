/**
 * Reads a small JSON body for the vote and event endpoints: checks the content type, caps the size
 * (a client mistake is a 413, not memory), parses with a nesting limit, and validates with a zod
 * schema; every failure is the matching problem+json answer.
 */
import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { drain, problem, validationProblems } from './problem.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';

/**
 * How deep a JSON body may nest. Our deepest shape (ticket → attachments → item → field) is 4
 * levels; validating or hashing a 10,000-deep array overflows the stack, so the parser never
 * hands one over.
 */
export const maxJsonDepth = 32;

/** The client went away (or its body broke off) while we read it: nobody is left to answer. */
export class BodyAbortedError extends Error {
  override name = 'BodyAbortedError';
}

export async function readJson<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  options: { types: RegExp; maxBytes: number },
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const lang = matchLanguage(c.req.header('Accept-Language'));
  if (!options.types.test(c.req.header('Content-Type') ?? '')) {
    await drain(c.req.raw.body);
    return { ok: false, response: problem(415, 'unsupported-type', lang) };
  }
  const text = await readCapped(c.req.raw, options.maxBytes);
  if (text === undefined) return { ok: false, response: problem(413, 'too-large', lang) };
  const json = parseJson(text);
  if (!json.ok) return { ok: false, response: problem(400, json.reason, lang) };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return { ok: false, response: problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) }) };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The body as text, or undefined (after draining the rest) when it passes `maxBytes`. Counts what
 * arrives, so a chunked body without Content-Length meets the same cap. Throws a BodyAbortedError
 * when the client disconnects mid-body.
 *
 * Give it the Request rather than its body when you can: a body whose Content-Length is within the
 * cap is then read straight from Node's socket stream by @hono/node-server, never wrapped in a web
 * ReadableStream (which costs more than the rest of a small JSON request's reading and parsing).
 * Node's HTTP parser holds the body to its Content-Length.
 */
export async function readCapped(from: Request | ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  if (from && !(from instanceof ReadableStream)) {
    const length = from.headers.get('Content-Length');
    if (length === null || !/^\d+$/.test(length)) return readCapped(from.body, maxBytes);
    if (Number(length) > maxBytes) {
      await drain(from.body);
      return undefined;
    }
    try {
      return await from.text();
    } catch (error) {
      throw new BodyAbortedError('the request body broke off', { cause: error });
    }
  }
  const body = from;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await drain(body);
        return undefined;
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw new BodyAbortedError('the request body broke off', { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON.parse that refuses bodies nested deeper than `maxDepth` before parsing them. */
export function parseJson(text: string, maxDepth = maxJsonDepth): { ok: true; value: unknown } | { ok: false; reason: 'invalid-json' | 'too-deep' } {
  if (nestingDepth(text) > maxDepth) return { ok: false, reason: 'too-deep' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

/** The deepest bracket nesting in a JSON text, ignoring brackets inside strings (one pass, no parsing). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
