/**
 * The operator's support facts (departments, tiers, priorities, hours, attachment policy, notices).
 * Written by an operator in `content/support.yaml`, validated at build time and at server start,
 * published by the site as `/support-config.json`, and read by the widget. `zod/mini` keeps the
 * widget bundle small.
 */
import { z } from 'zod/mini';
import { contentLanguages } from './locales.ts';
import { defaultAttachmentPolicy, departmentKeys, priorityKeys, supportTiers, type MarketKey } from './support-keys.ts';

const text = z.string().check(z.trim(), z.minLength(1));

/** A text in every content language. */
export const localizedText = z.object({ 'pt-BR': text, it: text });
export type LocalizedText = z.infer<typeof localizedText>;

const key = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lowercase key like "e-mail-setup"'));
const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like "09:00"'));
const dateTime = z.iso.datetime({ offset: true });


export const topicSchema = z.object({
  key,
  name: localizedText,
  /** Tier of this topic in each market (the Brazilian and Italian policies differ). */
  tier: z.object({ br: z.enum(supportTiers), it: z.enum(supportTiers) }),
});

export const departmentSchema = z.object({
  key: z.enum(departmentKeys),
  name: localizedText,
  description: localizedText,
  /** Topics the customer picks from; only departments whose work can be paid need them. */
  topics: z._default(z.array(topicSchema), []),
});

export const prioritySchema = z.object({
  key: z.enum(priorityKeys),
  name: localizedText,
  description: localizedText,
});

/** A public holiday: a fixed day every year ("12-25"), one date ("2027-02-08"), or relative to Easter Sunday ("easter-2"). */
export const holidaySchema = z.object({
  date: z.string().check(
    z.regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$|^easter[+-]\d{1,2}$/, 'a date like "12-25", "2027-02-08" or "easter-2"'),
  ),
  name: text,
});

/** How soon a first reply is promised: counted in business hours, or in calendar days. */
export const firstReplySchema = z.union([
  z.object({ businessHours: z.number().check(z.positive()) }),
  z.object({ calendarDays: z.number().check(z.positive()) }),
]);

export const paidSupportSchema = z.discriminatedUnion('model', [
  z.object({
    /** A price per solved request, for work under `maxMinutes`; longer work is quoted first. */
    model: z.literal('per-request'),
    price: z.number().check(z.positive()),
    maxMinutes: z.int().check(z.positive()),
    prepaid: z.boolean(),
  }),
  z.object({
    /** Extra assistance bought in advance as credit packs. */
    model: z.literal('credits'),
    packName: text,
    validityDays: z.int().check(z.positive()),
    refundable: z.boolean(),
  }),
]);

export const marketSchema = z.object({
  language: z.enum(contentLanguages),
  /** Prefix of human-friendly ticket numbers, e.g. BR-000123. */
  ticketPrefix: z.string().check(z.regex(/^[A-Z]{2,4}$/, 'two to four capital letters')),
  timeZone: z.string().check(
    z.refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone like "America/Sao_Paulo"'),
  ),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code like "BRL"')),
  hours: z.object({
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1)),
    open: clock,
    close: clock,
  }),
  holidays: z._default(z.array(holidaySchema), []),
  firstReply: z.object({ low: firstReplySchema, medium: firstReplySchema, high: firstReplySchema }),
  paidSupport: paidSupportSchema,
});

export const attachmentPolicySchema = z.object({
  allowedTypes: z._default(
    z.array(z.string().check(z.regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'a MIME type like "image/png"'))),
    defaultAttachmentPolicy.allowedTypes,
  ),
  maxFiles: z._default(z.int().check(z.gte(0), z.lte(20)), defaultAttachmentPolicy.maxFiles),
  maxFileBytes: z._default(z.int().check(z.positive()), defaultAttachmentPolicy.maxFileBytes),
  maxTotalBytes: z._default(z.int().check(z.positive()), defaultAttachmentPolicy.maxTotalBytes),
});

export const serviceNoticeSchema = z.object({
  id: key,
  severity: z.enum(['incident', 'maintenance', 'info']),
  title: localizedText,
  body: localizedText,
  startsAt: dateTime,
  /** Absent while the incident is still open. */
  endsAt: z.optional(dateTime),
  /** Departments it concerns; all when absent. */
  departments: z.optional(z.array(z.enum(departmentKeys))),
});
export type ServiceNotice = z.infer<typeof serviceNoticeSchema>;

export const supportConfigSchema = z
  .object({
    company: z.object({ name: text, url: z.url() }),
    /** Language searched by visitors whose language the KB does not have. */
    defaultLanguage: z.enum(contentLanguages),
    departments: z.array(departmentSchema).check(z.minLength(1)),
    priorities: z.array(prioritySchema).check(z.length(3)),
    markets: z.object({ br: marketSchema, it: marketSchema }),
    attachments: z._default(attachmentPolicySchema, defaultAttachmentPolicy),
    privacyNotice: z.object({ 'pt-BR': z.url(), it: z.url() }),
    notices: z._default(z.array(serviceNoticeSchema), []),
  })
  .check(
    z.refine((config) => new Set(config.departments.map((d) => d.key)).size === config.departments.length, {
      message: 'each department key once',
      path: ['departments'],
    }),
    z.refine((config) => config.attachments.maxFileBytes <= config.attachments.maxTotalBytes, {
      message: 'maxFileBytes no larger than maxTotalBytes',
      path: ['attachments', 'maxFileBytes'],
    }),
  );

export type SupportConfig = z.infer<typeof supportConfigSchema>;
export type Department = SupportConfig['departments'][number];
export type Topic = Department['topics'][number];
export type Market = SupportConfig['markets'][MarketKey];
