/**
 * Everything behind the first step, loaded on the customer's first interaction: the session (its
 * validators, drafts, attachments, search and sending), the later steps and the whole dictionaries.
 * The element renders the first step without it and hands over what was typed once it arrives.
 */
import { type TemplateResult } from 'lit';
import { fileFromClipboard } from '../attachments/attachments.ts';
import { TicketSession } from '../flow/session.ts';
import { messagesFor } from '../i18n/index.ts';
import { renderContact } from '../steps/contact.ts';
import { renderDeflected } from '../steps/deflected.ts';
import { renderDepartment } from '../steps/department.ts';
import { renderDescribe } from '../steps/describe.ts';
import { renderDetails } from '../steps/details.ts';
import { renderFormNotes } from '../steps/form-notes.ts';
import { renderDone, renderReview } from '../steps/review.ts';
import { createStepHost } from '../steps/session-host.ts';
import type { StepHost } from '../steps/step-host.ts';
import { renderSuggestions } from '../steps/suggestions.ts';
import { chunkLoaded } from './chunks.ts';
// Defines <support-ticket-account> (a signed-in customer's open tickets, duplicate warnings) with the form.
import '../account/support-ticket-account.ts';

/** The body of the step the session is on. */
function renderStep(host: StepHost): TemplateResult {
  const step = host.flow.step;
  return step === 'describe' ? renderDescribe(host, renderSuggestions)
    : step === 'department' ? renderDepartment(host)
    : step === 'details' ? renderDetails(host)
    : step === 'contact' ? renderContact(host)
    : step === 'review' || step === 'sending' ? renderReview(host)
    : step === 'done' ? renderDone(host)
    : renderDeflected(host);
}

export const form = { TicketSession, createStepHost, messagesFor, renderStep, renderFormNotes, fileFromClipboard };
export type Form = typeof form;

chunkLoaded(import.meta.url, { form });
