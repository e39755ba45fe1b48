/**
 * The Subresource Integrity hash of the widget's entry the KB serves, as `npm run build:widget` wrote
 * it (after writing its chunks' hashes into it: this one hash pins every file the widget loads).
 * Read at build time, so the embed page always shows the hash of the bundle next to it.
 */
import written from '../../../widget/dist/support-ticket.integrity.txt?raw';

const file = 'widget/dist/support-ticket.integrity.txt';

export function widgetIntegrity(): string {
  const value = written.trim();
  if (!/^sha384-[A-Za-z0-9+/]{64}$/.test(value)) {
    throw new Error(`${file}: expected "sha384-" and 64 base64 characters (run \`npm run build:widget\`), found ${JSON.stringify(value)}`);
  }
  return value;
}
