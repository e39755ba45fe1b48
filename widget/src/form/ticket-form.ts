/**
 * The ticket form as data: the fields the customer fills, which step asks which field, the errors
 * of each field as codes (localized by the element), and the ticket built from it. No DOM here.
 */
import type { SupportConfig, Topic } from '../../../core/contract/support-config.ts';
import type { DepartmentKey, PaidRequirement, PriorityKey, SupportTier } from '../../../core/contract/support-keys.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { UiLanguage } from '../../../core/contract/locales.ts';
import type { FormStep } from '../flow/steps.ts';
import { validateSubject } from '../../../core/validation/subject.ts';
import { validateMessage } from '../../../core/validation/message.ts';
import { validateDomain } from '../../../core/validation/domain.ts';
import { validateEmail } from '../../../core/validation/email.ts';
import { findSecrets, type SecretRange } from '../../../core/validation/secrets.ts';
import { validateHighReason } from '../../../core/validation/high-priority.ts';
import { validateSteps } from '../../../core/validation/steps.ts';

export interface TicketFields {
  subject: string;
  message: string;
  department: DepartmentKey | '';
  topic: string;
  paidAcknowledged: boolean;
  /** Asked for topics free when the cause is ours: the answer words the cost notice (and tells support). */
  changedBefore: '' | 'yes' | 'no' | 'unsure';
  priority: PriorityKey;
  serviceDown: boolean;
  highReason: string;
  service: string;
  domain: string;
  panelUser: string;
  errorMessage: string;
  /** The steps that lead to the problem, asked with paid requests where the market needs them. */
  steps: string;
  name: string;
  email: string;
  /** Honeypot: hidden from people, filled by bots. */
  website: string;
}
/** What the customer fills, plus `screenshot`: an image among the attachments, checked like a field where it is required. */
export type FieldName = keyof TicketFields | 'screenshot';

export function emptyFields(department: DepartmentKey | '' = ''): TicketFields {
  return {
    subject: '', message: '', department, topic: '', paidAcknowledged: false, changedBefore: '', priority: 'medium', serviceDown: false,
    highReason: '', service: '', domain: '', panelUser: '', errorMessage: '', steps: '', name: '', email: '', website: '',
  };
}

/** What the element knows besides the fields. */
export interface FormContext {
  config?: SupportConfig;
  /** Markets differ in what is paid: 'br' or 'it'. */
  market: 'br' | 'it';
  /** Name and e-mail came from the host page (or a customer token): the contact step is skipped. */
  contactKnown: boolean;
  /** The host page named the service: not asked. */
  serviceKnown: boolean;
  /** An image is among the attachments. */
  screenshot?: boolean;
}

/** An error as a message key ("subject.generic") and its parameters. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

/** The fields each step asks, in the order they appear (the first invalid one gets focus). */
export function stepFields(step: FormStep, fields: TicketFields, context: FormContext): FieldName[] {
  switch (step) {
    case 'describe':
      return ['subject']; // the first description is optional here; details asks for the full message
    case 'department': {
      const list: FieldName[] = ['department'];
      if (topicsOf(fields.department, context).length) list.push('topic');
      if (paidTier(fields, context)) list.push('paidAcknowledged');
      return list;
    }
    case 'details': {
      const technical = fields.department === 'technical';
      const required = paidRequires(fields, context);
      const list: FieldName[] = [];
      if (!context.serviceKnown) list.push('service');
      if (technical) list.push('domain', 'panelUser');
      list.push('priority');
      if (fields.priority === 'high') list.push('serviceDown', 'highReason');
      list.push('message');
      if (required.includes('steps')) list.push('steps');
      if (technical) list.push('errorMessage');
      if (required.includes('screenshot')) list.push('screenshot');
      return list;
    }
    case 'contact':
      return context.contactKnown ? [] : ['name', 'email'];
    case 'review':
      return [];
  }
}

export function topicsOf(department: DepartmentKey | '', context: FormContext): Topic[] {
  return context.config?.departments.find((d) => d.key === department)?.topics ?? [];
}

/** The chosen topic's tier in this market. */
export function topicTier(fields: TicketFields, context: FormContext): SupportTier | undefined {
  return topicsOf(fields.department, context).find((t) => t.key === fields.topic)?.tier[context.market];
}

/**
 * The charge the customer accepts before going on ('paid' or 'quoted'), else undefined. A topic free
 * when the cause is ours charges nothing up front: support finds the cause and confirms any cost first.
 */
export function paidTier(fields: TicketFields, context: FormContext): 'paid' | 'quoted' | undefined {
  const tier = topicTier(fields, context);
  return tier === 'paid' || tier === 'quoted' ? tier : undefined;
}

/** What a paid request must carry in this market (a screenshot, the steps); nothing for other requests. */
export function paidRequires(fields: TicketFields, context: FormContext): readonly PaidRequirement[] {
  return paidTier(fields, context) === 'paid' ? (context.config?.markets[context.market].paidSupport.requires ?? []) : [];
}

/** The error of one field, or undefined when it is fine. */
export function fieldError(name: FieldName, fields: TicketFields, context: FormContext): FieldError | undefined {
  switch (name) {
    case 'subject': {
      const r = validateSubject(fields.subject);
      return r.ok ? undefined : { key: `subject.${r.code}`, ...('params' in r && r.params ? { params: r.params } : {}) };
    }
    case 'message': {
      const r = validateMessage(fields.message);
      return r.ok ? undefined : { key: `message.${r.code}`, ...(r.params ? { params: { ...r.params } } : {}) };
    }
    case 'department':
      return fields.department ? undefined : { key: 'department.required' };
    case 'topic':
      return topicsOf(fields.department, context).some((t) => t.key === fields.topic) ? undefined : { key: 'topic.required' };
    case 'paidAcknowledged':
      return !paidTier(fields, context) || fields.paidAcknowledged ? undefined : { key: 'paid.required' };
    case 'steps': {
      if (!paidRequires(fields, context).includes('steps')) return undefined;
      const r = validateSteps(fields.steps);
      return r.ok ? undefined : { key: `steps.${r.code}`, ...(r.params ? { params: r.params } : {}) };
    }
    case 'screenshot':
      return !paidRequires(fields, context).includes('screenshot') || context.screenshot ? undefined : { key: 'screenshot.required' };
    case 'domain': {
      if (!fields.domain.trim()) return undefined; // optional
      const r = validateDomain(fields.domain);
      return r.ok ? undefined : { key: `domain.${r.code}`, ...(r.params ? { params: { ...r.params } } : {}) };
    }
    case 'serviceDown':
      return fields.priority !== 'high' || fields.serviceDown ? undefined : { key: 'high.confirm' };
    case 'highReason': {
      if (fields.priority !== 'high') return undefined;
      const r = validateHighReason(fields.highReason);
      return r.ok ? undefined : { key: 'high.reason', params: r.params };
    }
    case 'name':
      return fields.name.trim() ? undefined : { key: 'name.required' };
    case 'email': {
      const r = validateEmail(fields.email);
      return r.ok ? undefined : { key: `email.${r.code}`, ...(r.params ? { params: r.params } : {}) };
    }
    default:
      return undefined;
  }
}

/** Errors of the fields a step asks. */
export function stepErrors(step: FormStep, fields: TicketFields, context: FormContext): Map<FieldName, FieldError> {
  const errors = new Map<FieldName, FieldError>();
  for (const name of stepFields(step, fields, context)) {
    const error = fieldError(name, fields, context);
    if (error) errors.set(name, error);
  }
  return errors;
}

/** Free-text fields that could carry a pasted secret. */
export const textFields = ['subject', 'message', 'errorMessage', 'steps', 'service', 'panelUser', 'highReason'] as const satisfies readonly FieldName[];

/** Secrets found per field; any of them blocks Send until removed. */
export function secretsIn(fields: TicketFields): Map<(typeof textFields)[number], SecretRange[]> {
  const found = new Map<(typeof textFields)[number], SecretRange[]>();
  for (const name of textFields) {
    const ranges = findSecrets(fields[name]);
    if (ranges.length) found.set(name, ranges);
  }
  return found;
}

/** Whether the customer may leave a step: its fields are valid, and on review no secret remains. */
export function canLeaveStep(step: FormStep, fields: TicketFields, context: FormContext): boolean {
  if (step === 'review') {
    return (['describe', 'department', 'details', 'contact'] as const).every((s) => stepErrors(s, fields, context).size === 0) && secretsIn(fields).size === 0;
  }
  return stepErrors(step, fields, context).size === 0;
}

export interface TicketExtras {
  lang: UiLanguage;
  customerToken?: string;
  startedAt: string;
  pageUrl?: string;
  attachments: { name: string; type: string; size: number }[];
  deflection?: { query: string; suggested: string[] };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The ticket as the contract describes it. */
export function toTicket(fields: TicketFields, context: FormContext, extras: TicketExtras): Ticket {
  const technical = fields.department === 'technical';
  const domain = technical && fields.domain.trim() ? validateDomain(fields.domain) : undefined;
  const email = validateEmail(fields.email);
  const ticket: Ticket = {
    lang: extras.lang,
    department: fields.department || 'technical',
    priority: fields.priority,
    subject: fields.subject.trim(),
    message: fields.message.trim(),
    customer: {
      name: fields.name.trim(),
      email: email.ok ? email.ascii : fields.email.trim(),
      ...(extras.customerToken ? { token: extras.customerToken } : {}),
    },
    client: { startedAt: extras.startedAt, ...(extras.pageUrl ? { pageUrl: extras.pageUrl } : {}) },
  };
  if (topicsOf(fields.department, context).some((t) => t.key === fields.topic)) ticket.topic = fields.topic;
  if (paidTier(fields, context)) ticket.paidAcknowledged = fields.paidAcknowledged;
  if (topicTier(fields, context) === 'paid-unless-ours' && fields.changedBefore) ticket.changedBefore = fields.changedBefore;
  if (paidRequires(fields, context).includes('steps')) ticket.steps = fields.steps.trim();
  if (fields.priority === 'high') ticket.high = { serviceDown: true, reason: fields.highReason.trim() };
  if (technical && optional(fields.errorMessage)) ticket.errorMessage = fields.errorMessage.trim();
  if (optional(fields.service)) ticket.service = fields.service.trim();
  if (domain?.ok) ticket.domain = domain.host;
  if (technical && optional(fields.panelUser)) ticket.panelUser = fields.panelUser.trim();
  if (extras.attachments.length) ticket.attachments = extras.attachments;
  if (extras.deflection?.query) ticket.deflection = extras.deflection;
  if (fields.website) ticket.website = fields.website;
  return ticket;
}

/** API field paths that are not form field names ("customer.email" -> email, "high.reason" -> highReason). */
const pathFields: Record<string, FieldName | 'form'> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'high.reason': 'highReason',
  high: 'serviceDown',
  'client.startedAt': 'form',
};

/** The form field an error from the server is about: a field name, `attachments`, or `form` for the ticket as a whole. */
export function fieldForPath(path: string): string {
  return pathFields[path] ?? (path.startsWith('attachments') ? 'attachments' : path === '' || path === '(body)' ? 'form' : path);
}
