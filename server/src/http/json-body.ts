/**
 * Reads a small JSON body for the vote and event endpoints: checks the content type, caps the size
 * (a client mistake is a 413, not memory), parses, and validates with a zod schema; every failure is
 * the matching problem+json answer.
 */
import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { drain, problem, validationProblems } from './problem.ts';
import { matchLanguage } from '../../../core/contract/locales.ts';

export async function readJson<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  options: { types: RegExp; maxBytes: number },
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const lang = matchLanguage(c.req.header('Accept-Language'));
  const body = c.req.raw.body;
  if (!options.types.test(c.req.header('Content-Type') ?? '')) {
    await drain(body);
    return { ok: false, response: problem(415, 'unsupported-type', lang) };
  }
  const text = await readCapped(body, options.maxBytes);
  if (text === undefined) return { ok: false, response: problem(413, 'too-large', lang) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, 'invalid-json', lang) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, response: problem(422, 'invalid', lang, { errors: validationProblems(parsed.error.issues, lang) }) };
  }
  return { ok: true, value: parsed.data };
}

/** The body as text, or undefined (after draining the rest) when it passes `maxBytes`. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await drain(body);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
