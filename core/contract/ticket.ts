/**
 * The ticket the widget sends: one contract for the widget, the server and backends in other
 * languages (which read `ticketJsonSchema()`, published as ticket.schema.json). The server checks a
 * ticket with this schema alone and so applies the widget's own validators: a ticket the form
 * refuses, the API refuses too. Checks carry error keys (`subject.all-caps`), not sentences:
 * messages are localized where they are shown.
 */
import { z } from 'zod/mini';
import { limits } from './limits.ts';
import { uiLanguages } from './locales.ts';
import { departmentKeys, priorityKeys } from './support-keys.ts';
import { validateDomain } from '../validation/domain.ts';
import { validateEmail } from '../validation/email.ts';
import { httpUrl } from '../validation/http-url.ts';
import { validateHighReason } from '../validation/high-priority.ts';
import { validateMessage } from '../validation/message.ts';
import { validateSubject } from '../validation/subject.ts';
import { validateSteps } from '../validation/steps.ts';

type Verdict = { ok: true } | { ok: false; code: string; params?: object };

/**
 * Runs one of core's validators; a failure is a custom issue whose message is the error key
 * (`{field}.{code}`) and whose params fill the message's placeholders. It stops the field's later
 * checks (the plain lengths kept for the JSON Schema), so a field gets one complaint, the precise one.
 */
function rule<T>(field: string, validate: (value: T) => Verdict) {
  return z.superRefine<T>((value, ctx) => {
    const verdict = validate(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: `${field}.${verdict.code}`, input: value, continue: false, ...(verdict.params ? { params: { ...verdict.params } } : {}) });
  });
}

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
    /**
     * For a topic free when the cause is the provider's: did the problem start after a change the
     * customer made? Their answer, a hint for support (who decides the cause, and so the cost).
     */
    changedBefore: z.optional(z.enum(['yes', 'no', 'unsure'])),
    /** The steps that lead to the problem, which a paid request carries where the market asks for them. */
    steps: z.optional(z.string().check(z.trim(), rule('steps', validateSteps), z.maxLength(limits.steps.max))),
    /** How urgent the customer says it is; medium unless they chose otherwise. */
    priority: z.enum(priorityKeys),
    /** The customer's confirmation that a service is down, required with high priority and only then. */
    high: z.optional(
      z.object({
        serviceDown: z.literal(true),
        reason: z.string().check(z.trim(), rule('high', validateHighReason), z.minLength(limits.highReason.min), z.maxLength(limits.highReason.max)),
      }),
    ),
    /** A short, specific, calm subject. */
    subject: z.string().check(z.trim(), rule('subject', validateSubject), z.minLength(limits.subject.min), z.maxLength(limits.subject.max)),
    /** The full story: what happened, steps to reproduce, since when, where. */
    message: z.string().check(z.trim(), rule('message', validateMessage), z.minLength(limits.message.min), z.maxLength(limits.message.max)),
    /** The exact error message, pasted as it appeared. */
    errorMessage: z.optional(upTo(limits.errorMessage.max)),
    /** The hosting plan or service the ticket is about. */
    service: z.optional(upTo(limits.service.max)),
    /** Domain (international names allowed) or IP address concerned, without scheme or path. */
    domain: z.optional(
      z.string().check(
        rule('domain', (value: string): Verdict => {
          const result = validateDomain(value);
          if (!result.ok) return result;
          return !result.fromUrl && result.host === value ? { ok: true } : { ok: false, code: 'invalid' };
        }),
        z.maxLength(limits.domain.max),
      ),
    ),
    /** The control-panel user name; never a password. */
    panelUser: z.optional(upTo(limits.panelUser.max)),
    /** Who to answer. */
    customer: z.object({
      /** The customer's name. */
      name: z.string().check(z.trim(), rule('name', (v: string): Verdict => (v ? { ok: true } : { ok: false, code: 'required' })), z.minLength(limits.name.min), z.maxLength(limits.name.max)),
      /** Where replies go; international domains allowed. */
      email: z.email({ pattern: z.regexes.unicodeEmail }).check(rule('email', (v: string) => validateEmail(v, { suggest: false }))),
      /** The host company's signed customer token, passed on opaque: the backend trusts identity only from it. */
      token: z.optional(z.string().check(z.minLength(1), z.maxLength(limits.customerToken.max))),
    }),
    /** What the customer searched in the knowledge base before writing, and the articles suggested (http(s) links). */
    deflection: z.optional(
      z.object({ query: upTo(limits.searchQuery.max), suggested: z.array(httpUrl()).check(z.maxLength(limits.suggestions.max)) }),
    ),
    /** Metadata of the files sent as multipart `attachments` parts, in the same order. */
    attachments: z.optional(
      z
        .array(
          z.object({
            name: z.string().check(z.minLength(1), z.maxLength(limits.attachmentName.max)),
            type: z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+-]+$/)),
            size: z.int().check(z.gte(0)),
          }),
        )
        .check(z.maxLength(limits.attachments.max)),
    ),
    /** About the form session: when the customer started, and the page the widget was on (an http(s) URL). */
    client: z.object({ startedAt: z.iso.datetime({ offset: true }), pageUrl: z.optional(httpUrl()) }),
    /** Honeypot for bots: a hidden field that people leave empty. */
    website: z.optional(z.string().check(z.maxLength(0))),
  })
  .check(
    z.refine((t) => t.priority !== 'high' || t.high !== undefined, { message: 'high.confirm', path: ['high'] }),
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
