/**
 * The timeline's words out of the page's strings: read by the status page at build time (it hands
 * them to the island) and by the timeline's tests, so both speak with the words the page ships.
 */
import type { ui } from '../../i18n/ui.ts';

type PageStrings = (typeof ui)[keyof typeof ui];

export function timelineWords(t: PageStrings) {
  return {
    created: t.ticketEventCreated,
    reopened: t.ticketEventReopened,
    waiting: t.ticketEventWaiting,
    answered: t.ticketEventAnswered,
    closed: t.ticketEventClosed,
    closedByYou: t.ticketEventClosedByYou,
    youReplied: t.ticketEventYouReplied,
    supportReplied: t.ticketEventSupportReplied,
    supportRepliedAt: t.ticketEventSupportRepliedAt,
    attachments: t.ticketEventAttachments,
    helpdeskNumber: t.ticketStatusHelpdeskNumber,
    news: t.ticketNews,
  };
}
