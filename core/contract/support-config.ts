/**
 * The operator's support facts, market by market as each policy states them (departments, tiers,
 * hours, first-reply rule, paid terms, channels, closing, plans, backups), plus priorities, the
 * attachment policy and notices.
 * Written by an operator in `content/support.yaml`, validated at build time and at server start,
 * published by the site as `/support-config.json`, and read by the widget. `zod/mini` keeps the
 * widget bundle small.
 */
import { z } from 'zod/mini';
import { contentLanguages } from './locales.ts';
import { defaultAttachmentPolicy, departmentKeys, paidRequirements, priorityKeys, supportTiers, type MarketKey } from './support-keys.ts';

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
  /** What it costs in each market (the Brazilian and Italian policies differ); see `supportTiers`. */
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

/** The days support works and, where the policy publishes them, its clock times (in the market's zone). */
export const hoursSchema = z
  .object({
    /** ISO weekdays, 1 = Monday ... 7 = Sunday; the market's holidays are excluded. */
    days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1)),
    /** Opening time, "09:00". Leave it out, with `close`, where the policy publishes no clock times (Italy). */
    open: z.optional(clock),
    /** Closing time, "18:00"; at or before `open` means midnight. */
    close: z.optional(clock),
  })
  .check(
    z.refine((h) => (h.open === undefined) === (h.close === undefined), {
      message: 'open and close together, or neither',
      path: ['close'],
    }),
  );

/** What the policy says about a first reply: what customers are told, never more. */
export const firstReplySchema = z.discriminatedUnion('model', [
  z.object({
    /**
     * No deadline (Brazil): tickets are answered as soon as possible, in order of arrival, and
     * urgency does not jump the queue. Customers are told when the queue is next worked: the next
     * business opening, computed from `hours` (which then needs `open` and `close`).
     */
    model: z.literal('queue'),
  }),
  z.object({
    /** A commitment, not a guarantee (Italy): a first reply within `days` calendar days. */
    model: z.literal('calendar-days'),
    /** Calendar days from the day the ticket is sent, counted in the market's zone. */
    days: z.int().check(z.positive()),
    /** Departments the commitment covers; tickets to the others (sales) are promised nothing. */
    departments: z.array(z.enum(departmentKeys)).check(z.minLength(1)),
    /** Whom it covers, as customers read it after the promise: "for customers with one of our hosting plans". */
    condition: localizedText,
  }),
]);
export type FirstReply = z.infer<typeof firstReplySchema>;

const requires = z._default(z.array(z.enum(paidRequirements)), []);

/** How paid work is charged. */
export const paidSupportSchema = z.discriminatedUnion('model', [
  z.object({
    /** Per solved request (Brazil), stated in the ticket by support. */
    model: z.literal('per-request'),
    /** The average price of one solution that takes less than `maxMinutes`, in the market's currency. */
    price: z.number().check(z.positive()),
    /** Longer work is calculated and quoted before it starts. */
    maxMinutes: z.int().check(z.positive()),
    /** Paid before the work starts: it is a service, not part of the hosting. */
    prepaid: z.boolean(),
    /** What a paid (advanced) request must carry: a screenshot of the problem, the steps that lead to it. */
    requires,
  }),
  z.object({
    /** Rechargeable credit packs bought in advance (Italy). */
    model: z.literal('credits'),
    /** The pack's name, e.g. WPCRED. */
    packName: text,
    /** Days credits stay valid from purchase. */
    validityDays: z.int().check(z.positive()),
    refundable: z.boolean(),
    resellable: z.boolean(),
    /** false: support cannot always tell beforehand whether an intervention is paid, or what it will cost. */
    costKnownInAdvance: z.boolean(),
    /** What a paid request must carry; the Italian policy names nothing. */
    requires,
  }),
]);

/** A way to reach support and what it takes. */
export const channelSchema = z
  .object({
    /** everything: any request; basic: only the requests in `uses`; commercial: commercial information only, no technical help. */
    scope: z.enum(['everything', 'basic', 'commercial']),
    /** What it may be used for, as customers say it; required with `basic`. */
    uses: z._default(z.array(localizedText), []),
  })
  .check(
    z.refine((c) => c.scope !== 'basic' || c.uses.length > 0, { message: 'the requests a basic channel takes', path: ['uses'] }),
  );

export const marketSchema = z
  .object({
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
    hours: hoursSchema,
    holidays: z._default(z.array(holidaySchema), []),
    /** What customers are told about a first reply (one rule per market, whatever the priority). */
    firstReply: firstReplySchema,
    paidSupport: paidSupportSchema,
    /** Where support is given: tickets always; phone and chat where the policy offers them, for what it says. */
    channels: z.object({
      /** Tickets from the client area. */
      ticket: channelSchema,
      /** Absent: no support by phone. */
      phone: z.optional(channelSchema),
      /** Absent: no chat. */
      chat: z.optional(channelSchema),
    }),
    /** Automatic closing of a ticket left without a reply from the customer; absent where the policy states none. */
    ticketClosing: z.optional(z.object({ daysWithoutCustomerReply: z.int().check(z.positive()) })),
    /** A second ticket about the same problem never speeds anything up; `closed`: it is closed (Brazil), `not-faster`: that is all the policy says (Italy). */
    duplicates: z.enum(['closed', 'not-faster']),
    /** Maintenance plans, which are not hosting plans: ordinary maintenance and securing the site; extraordinary assistance only where a plan says so. */
    maintenancePlans: z._default(z.array(z.object({ name: text, extraordinaryAssistance: z.boolean() })), []),
    /** Support plans and credit packs (not hosting plans): days they last from purchase; absent where the policy sells none. */
    supportPlans: z.optional(z.object({ validityDays: z.int().check(z.positive()), refundable: z.boolean(), resellable: z.boolean() })),
    /** Changing plans, where the policy speaks of it. */
    planChanges: z.optional(
      z.object({
        /** Whether moving to a bigger or smaller plan is a paid service. */
        resizePaid: z.boolean(),
        /** Whether the file copy of a Linux <-> Windows move is paid when support does it (otherwise the customer copies the files). */
        platformMoveCopyPaid: z.boolean(),
      }),
    ),
    backups: z.object({
      /** What support does with backups only as paid work. */
      paid: z.array(z.enum(['generate', 'restore'])),
      /** true where the policy says a backup's availability must be checked before it can be restored. */
      availabilityChecked: z._default(z.boolean(), false),
    }),
  })
  .check(
    z.refine((m) => m.firstReply.model !== 'queue' || m.hours.open !== undefined, {
      message: 'opening hours ("09:00") with a queue, whose customers are told when it is next worked',
      path: ['hours', 'open'],
    }),
  );

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
