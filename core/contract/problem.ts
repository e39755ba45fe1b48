/**
 * The backend's error answer, `application/problem+json` (RFC 9457), with one entry per invalid
 * field for 400/422. The server writes it; the widget and integrators read it.
 */
import { z } from 'zod/mini';

/** One invalid field; `path` is dotted ("customer.email", "attachments.0.type"). */
export const problemFieldErrorSchema = z.object({
  path: z.string(),
  /** What is wrong, as a code ("all-caps", "required", "too-long"). */
  code: z.string(),
  /** The same, as a sentence in the request's language. */
  message: z.string(),
});
export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;

export const problemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(problemFieldErrorSchema)),
});
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;
