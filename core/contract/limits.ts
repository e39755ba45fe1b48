/**
 * Every length limit of what crosses a wire, written once. The schemas, the validators, the form's
 * `maxlength` attributes and the `{min}`/`{max}` of error messages all read them from here.
 * Lengths count UTF-16 code units, as `maxlength` and `String.length` do.
 */
export const limits = {
  /** Ticket subject: short and specific. */
  subject: { min: 8, max: 120 },
  /** Ticket message: `min` counts characters that carry content (see `contentLength`). */
  message: { min: 30, max: 10_000 },
  /** A customer's reply to their ticket ("resolvido, obrigado" is a reply): `min` counts characters that carry content. */
  reply: { min: 2, max: 10_000 },
  /** A note with a status change (from an agent, or the customer's last word when closing). */
  statusNote: { max: 1000 },
  /** A status note or an agent's reply text coming back from a helpdesk (longer is cut, never refused). */
  helpdeskText: { max: 20_000 },
  /** The steps that lead to the problem, asked with paid (advanced) requests: `min` counts characters that carry content. */
  steps: { min: 15, max: 5000 },
  /** The exact error message, pasted. */
  errorMessage: { max: 5000 },
  /** The service or plan the ticket is about. */
  service: { max: 200 },
  /** A domain name (RFC 1035) and each of its labels. */
  domain: { max: 253, label: 63 },
  /** The control-panel user name. */
  panelUser: { max: 100 },
  /** The customer's name. */
  name: { min: 1, max: 120 },
  /** An e-mail address (RFC 5321) and its local part. */
  email: { max: 254, local: 64 },
  /** "What is down?", asked with high priority. */
  highReason: { min: 5, max: 200 },
  /** The host company's signed customer token. */
  customerToken: { max: 4096 },
  /** What a customer searched: in a ticket's deflection record and in search events. */
  searchQuery: { max: 300 },
  /** Articles suggested while the customer typed. */
  suggestions: { max: 5 },
  /** Attachment file name. */
  attachmentName: { max: 255 },
  /** Attachments per ticket (the support config's `maxFiles` may allow fewer). */
  attachments: { max: 20 },
  /** URL of an article in a deflection event. */
  articleUrl: { max: 500 },
  /** An article's translation key, which identifies its votes. */
  articleId: { max: 100 },
  /** The random id a browser votes under. */
  voterId: { min: 8, max: 100 },
  /** The optional comment with a vote. */
  voteComment: { max: 500 },
} as const;
