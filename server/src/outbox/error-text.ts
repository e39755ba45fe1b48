/**
 * Error text the outbox logs and stores (deliveries.last_error, shown to operators), without the
 * secrets errors tend to quote: a status link's read token (in its fragment), credentials in a URL,
 * token query parameters, bearer tokens and anything core's secret finder knows. A URL that does
 * not parse (which is often why there is an error) is cut the same way, by pattern.
 */
import { findSecrets } from '../../../core/validation/secrets.ts';

const hidden = 'REDACTED';

/** Any scheme://… run, parseable or not, without the sentence punctuation after it. */
const urlLike = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*[^\s"'<>`.,;:!?)]/gi;
/** A run a person does not type: 20+ token characters mixing lower case, upper case and digits (our read tokens are 43). */
const randomRun = /(?<![\w-])(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?=[\w-]*\d)[\w-]{20,}/g;

function withoutUrlSecrets(url: string): string {
  return (
    url
      // The fragment never reaches a server; ours carries "number:token".
      .replace(/#.*$/, `#${hidden}`)
      // user:password@ (any user part, even an empty one).
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*:[^/?#@]*@/i, `$1${hidden}@`)
      .replace(/([?&][^=&#]*(?:token|key|secret|pass|pwd|sig|auth|code|session)[^=&#]*=)[^&#]*/gi, `$1${hidden}`)
  );
}

/** `text` with secrets replaced by REDACTED; the rest (status codes, hosts, helpdesk messages) kept for diagnosis. */
export function errorTextWithoutSecrets(text: string): string {
  let out = text.replace(urlLike, withoutUrlSecrets);
  const ranges = findSecrets(out);
  for (const range of ranges.reverse()) out = out.slice(0, range.start) + hidden + out.slice(range.end);
  return out.replace(/\bBearer\s+\S+/gi, `Bearer ${hidden}`).replace(randomRun, hidden);
}
