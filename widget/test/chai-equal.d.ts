/**
 * @open-wc/semantic-dom-diff declares every `expect(…).to.equal` as returning a promise (only its
 * `.dom.equal` is one), so whether `equal` looks awaitable depends on the order TypeScript reads the
 * declarations, and no-floating-promises flagged every plain assertion. This file is read last (see
 * widget/tsconfig.browser-tests.json), so Chai's synchronous signature comes first again.
 */
/// <reference types="chai" />

declare global {
  namespace Chai {
    interface Equal {
      (value: unknown, message?: string): Assertion;
    }
  }
}

export {};
