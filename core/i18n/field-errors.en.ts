/**
 * What is wrong with a field, in English: one message per error key (`{field}.{code}`) of the
 * validators, the form and the attachment checks. The shape every language must match; the widget
 * shows them beside the fields and the server puts them in its problem+json answers.
 */
export const fieldErrorsEn = {
  'subject.required': 'Write a subject.',
  'subject.too-short': 'The subject is too short: say what fails and where, e.g. "E-mail rejected with error 550".',
  'subject.too-long': 'Keep the subject under {max} characters; the details go in the message.',
  'subject.all-caps': 'Please do not write in capitals: a calm, specific subject gets solved faster.',
  'subject.generic': 'Say what the problem is: "help" or "urgent" alone does not tell us. E.g. "Site shows error 500 since 10:00".',
  'subject.shouting-punctuation': 'Repeated punctuation does not make a ticket faster; say what fails instead.',
  'message.required': 'Describe the problem.',
  'message.too-short': 'Tell us a little more (at least {min} characters): what happened, and since when.',
  'message.too-long': 'The message is too long (at most {max} characters): attach long logs as a file.',
  'reply.too-short': 'Write your reply: a few words are enough.',
  'reply.too-long': 'The reply is too long: attach long logs as a file.',
  'department.required': 'Choose a department.',
  'topic.required': 'Choose what it is about.',
  'paid.required': 'Confirm that you understand the cost, or choose another topic.',
  'steps.required': 'Write the steps that lead to the problem.',
  'steps.too-short': 'Describe the steps in more detail (at least {min} characters).',
  'screenshot.required': 'Attach a screenshot of the problem.',
  'domain.required': 'Write a domain or IP address.',
  'domain.spaces': 'A domain has no spaces.',
  'domain.underscore': 'A domain cannot contain "_".',
  'domain.single-label': 'Write the whole domain, with its ending, e.g. example.com.br.',
  'domain.empty-label': 'There are two dots in a row, or a dot at the start.',
  'domain.invalid-character': 'This domain has a character domains cannot have.',
  'domain.label-too-long': 'One part of the domain is longer than {max} characters.',
  'domain.too-long': 'This domain is too long.',
  'domain.numeric-tld': 'A domain cannot end in numbers only.',
  'domain.invalid-ip': 'This is not a valid IP address.',
  'domain.invalid': 'This does not look like a domain or IP address.',
  'high.confirm': 'High priority is for emergencies: confirm that the service is down, or choose Medium.',
  'high.reason': 'Say in one line what is down ({min} to {max} characters).',
  'name.required': 'Write your name.',
  'email.required': 'Write your e-mail address.',
  'email.missing-at': 'An e-mail address has an "@", e.g. name@example.com.',
  'email.invalid-local': 'The part before "@" is not valid.',
  'email.invalid-domain': 'The part after "@" is not a valid domain.',
  'email.too-long': 'This e-mail address is too long.',
  'attachment.type': 'this type of file is not accepted; send a screenshot (PNG, JPEG), a PDF or a text file.',
  'attachment.too-big': 'the file is larger than the limit per file.',
  'attachment.too-many': 'there are already as many files as allowed; remove one first.',
  'attachment.total-too-big': 'together the files would exceed the total limit.',
  'server.invalid': 'The server did not accept this field.',
} as const;

/** An error key, e.g. `subject.generic`. */
export type FieldErrorKey = keyof typeof fieldErrorsEn;
/** One message per key; `{min}`, `{max}`, `{length}` are filled by `format()`. */
export type FieldErrorMessages = Record<FieldErrorKey, string>;
