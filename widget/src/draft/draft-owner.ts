/**
 * Whose draft it is. On a shared computer, or when support staff "log in as client" in WHMCS, one
 * browser serves several customers: each one's draft is kept under who the page says they are.
 */

/**
 * `sub:<id>` from the customer token, else `email:<address>` from `customer-email`, else '' for an
 * anonymous visitor. The token is read, not verified: this only keeps drafts apart in one browser,
 * and the backend verifies the token before trusting it.
 */
export function draftOwner(customerToken: string, customerEmail: string): string {
  const sub = tokenSubject(customerToken);
  if (sub) return `sub:${sub}`;
  const email = customerEmail.trim().toLowerCase();
  return email ? `email:${email}` : '';
}

/** The `sub` claim of `base64url(JSON payload).signature`, or undefined when there is none to read. */
function tokenSubject(token: string): string | undefined {
  try {
    const payload = JSON.parse(atob((token.split('.')[0] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown } | null;
    const sub = payload?.sub;
    return typeof sub === 'string' || typeof sub === 'number' ? String(sub) : undefined;
  } catch {
    return undefined;
  }
}
