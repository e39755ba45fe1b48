/**
 * custom-elements.json is the widget's published API (IDEs, docs, the React types): it must list
 * every part, custom property, attribute, property and event the element really has, and nothing
 * internal. The built file (`npm run build:widget`), held against the sources.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

interface Documented {
  name: string;
  description?: string;
}
interface Member extends Documented {
  kind: string;
  privacy?: string;
  static?: boolean;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  members?: Member[];
  attributes?: (Documented & { fieldName?: string })[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}

const source = (path: string) => readFileSync(new URL(`../../widget/src/${path}`, import.meta.url), 'utf8');
const built = new URL('../../widget/dist/custom-elements.json', import.meta.url);

/** The element's declaration in the built manifest. */
function manifestElement(): Declaration | undefined {
  if (!existsSync(built)) throw new Error('widget/dist/custom-elements.json is missing: run `npm run build:widget` first (npm test does).');
  const manifest = JSON.parse(readFileSync(built, 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'support-ticket');
}
const names = (items: Documented[] | undefined) => (items ?? []).map((i) => i.name).sort();

/** Every template of the element: its step renderers and the element itself. */
const templates = [
  ...readdirSync(new URL('../../widget/src/steps/', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => source(`steps/${f}`)),
  source('internal/support-ticket-element.ts'),
].join('\n');

describe('custom-elements.json', () => {
  let element: Declaration | undefined;
  beforeAll(() => {
    element = manifestElement();
  });

  it('describes <support-ticket>', () => {
    expect(element?.name).toBe('SupportTicketElement');
  });

  it('lists exactly the parts the templates use', () => {
    // A computed part name could not be checked against the manifest: parts are written out.
    expect(templates).not.toMatch(/part=\$\{/);
    const used = [...new Set([...templates.matchAll(/\bpart="([a-z-]+)"/g)].map((m) => m[1]!))].sort();
    expect(names(element?.cssParts)).toEqual(used);
  });

  it('lists exactly the custom properties the styles read', () => {
    const used = [...new Set([...source('internal/styles.ts').matchAll(/var\((--support-ticket-[a-z-]+)/g)].map((m) => m[1]!))].sort();
    expect(names(element?.cssProperties)).toEqual(used);
  });

  it('lists exactly the events the widget dispatches, with their documented names', () => {
    const declared = [...source('flow/events.ts').matchAll(/^ {2}'(support-ticket-[a-z-]+)':/gm)].map((m) => m[1]!).sort();
    const emitted = [...new Set([...(source('flow/session.ts') + templates).matchAll(/(?:emit|#dispatch)\('(support-ticket-[a-z-]+)'/g)].map((m) => m[1]!))].sort();
    expect(emitted).toEqual(declared);
    expect(names(element?.events)).toEqual(declared);
  });

  it('lists the public properties and their attributes, and no internal member', () => {
    const properties = [...templates.matchAll(/@property\(([^)]*)\)\s+(\w+)/g)].map((m) => ({ name: m[2]!, attribute: /attribute: false/.test(m[1]!) ? undefined : /attribute: '([a-z-]+)'/.exec(m[1]!)?.[1] ?? m[2]! }));
    expect(names(element?.members)).toEqual(properties.map((p) => p.name).sort());
    expect(element?.members?.every((m) => m.kind === 'field' && (m.privacy ?? 'public') === 'public' && !m.static)).toBe(true);
    // `lang` is a global attribute the element watches.
    expect(names(element?.attributes)).toEqual([...properties.flatMap((p) => (p.attribute ? [p.attribute] : [])), 'lang'].sort());
  });

  it('describes everything it lists in words', () => {
    const all = [...(element?.members ?? []), ...(element?.attributes ?? []), ...(element?.events ?? []), ...(element?.cssParts ?? []), ...(element?.cssProperties ?? [])];
    expect(all.filter((item) => !item.description?.trim()).map((item) => item.name)).toEqual([]);
  });
});
