/**
 * The ticket the widget sends: one contract for the widget, the server (which imports this module)
 * and backends in other languages (which read `ticketJsonSchema()`, published as ticket.schema.json).
 * Checks carry codes, not sentences: messages are localized where they are shown.
 */
import { z } from 'zod/mini';
import { uiLanguages } from './locales.ts';
import { departmentKeys, priorityKeys } from './support-keys.ts';
import { validateDomain } from '../validation/domain.ts';
import { validateEmail } from '../validation/email.ts';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const upTo = (max: number) => z.string().check(z.maxLength(max));

export const ticketSchema = z
  .object({
    /** Language the customer wrote in and wants replies in. */
    lang: z.enum(uiLanguages),
    /** Department the ticket goes to. */
    department: z.enum(departmentKeys),
    /** Topic key from the department's topics in the support config, when the department has topics. */
    topic: z.optional(z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))),
    /** The customer accepted the market's paid-support terms shown for a paid topic. */
    paidAcknowledged: z.optional(z.boolean()),
    /** How urgent the customer says it is; medium unless they chose otherwise. */
    priority: z.enum(priorityKeys),
    /** The customer's confirmation that a service is down, required with high priority and only then. */
    high: z.optional(z.object({ serviceDown: z.literal(true), reason: trimmed(5, 200) })),
    /** A short, specific subject. */
    subject: trimmed(8, 120),
    /** The full story: what happened, steps to reproduce, since when, where. */
    message: trimmed(30, 10_000),
    /** The exact error message, pasted as it appeared. */
    errorMessage: z.optional(upTo(5000)),
    /** The hosting plan or service the ticket is about. */
    service: z.optional(upTo(200)),
    /** Domain (international names allowed) or IP address concerned, without scheme or path. */
    domain: z.optional(
      z.string().check(
        z.maxLength(253),
        z.refine((value) => {
          const result = validateDomain(value);
          return result.ok && !result.fromUrl && result.host === value;
        }, 'domain'),
      ),
    ),
    /** The control-panel user name; never a password. */
    panelUser: z.optional(upTo(100)),
    /** Who to answer. */
    customer: z.object({
      /** The customer's name. */
      name: trimmed(1, 120),
      /** Where replies go; international domains allowed. */
      email: z.email({ pattern: z.regexes.unicodeEmail }).check(z.refine((value) => validateEmail(value, { suggest: false }).ok, 'email')),
      /** The host company's signed customer token, passed on opaque: the backend trusts identity only from it. */
      token: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    }),
    /** What the customer searched in the knowledge base before writing, and the articles suggested. */
    deflection: z.optional(z.object({ query: upTo(300), suggested: z.array(z.url()).check(z.maxLength(5)) })),
    /** Metadata of the files sent as multipart `attachments` parts, in the same order. */
    attachments: z.optional(
      z
        .array(
          z.object({
            name: z.string().check(z.minLength(1), z.maxLength(255)),
            type: z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+-]+$/)),
            size: z.int().check(z.gte(0)),
          }),
        )
        .check(z.maxLength(20)),
    ),
    /** About the form session: when the customer started, and the page the widget was on. */
    client: z.object({ startedAt: z.iso.datetime({ offset: true }), pageUrl: z.optional(z.url()) }),
    /** Honeypot for bots: a hidden field that people leave empty. */
    website: z.optional(z.string().check(z.maxLength(0))),
  })
  .check(
    z.refine((t) => t.priority !== 'high' || t.high !== undefined, { message: 'required', path: ['high'] }),
    z.refine((t) => t.priority === 'high' || t.high === undefined, { message: 'only-with-high-priority', path: ['high'] }),
  );

export type Ticket = z.infer<typeof ticketSchema>;

/**
 * JSON Schema of what a backend receives. Described as input: like the zod schema, it tolerates
 * unknown properties, so a newer widget does not break an older backend.
 */
export function ticketJsonSchema() {
  const schema = z.toJSONSchema(ticketSchema, { io: 'input' });
  // zod's refinements do not translate: state the high-priority rule in JSON Schema terms.
  schema.if = { properties: { priority: { const: 'high' } }, required: ['priority'] };
  schema.then = { required: ['high'] };
  schema.else = { not: { required: ['high'] } };
  return schema;
}

/** One invalid field in a problem+json answer; `path` is dotted ("customer.email", "attachments.0.type"). */
export const problemFieldErrorSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;

/** The backend's error answer, `application/problem+json` (RFC 9457), with field errors for 400/422. */
export const problemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(problemFieldErrorSchema)),
});
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;
