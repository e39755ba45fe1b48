// custom-elements.json for IDEs, docs and framework wrappers: read from the element's JSDoc.
// The manifest is the published API, so it carries only what integrators may use: public fields and
// the events, parts and custom properties the class documents (test/build/widget-manifest.test.ts
// holds it against the templates and styles).

/** Drops private and static members, and events the analyzer inferred from `dispatchEvent` without a name it could read. */
const publicApiOnly = {
  name: 'support-kit:public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        declaration.members = (declaration.members ?? []).filter(
          (m) => (m.privacy ?? 'public') === 'public' && !m.static && !m.name.startsWith('#'),
        );
        // Documented events (`@event`) have a description; `new CustomEvent(type, …)` gives a nameless one.
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.description);
      }
    }
  },
};

export default {
  globs: ['widget/src/internal/support-ticket-element.ts', 'widget/src/support-ticket.ts'],
  outdir: 'widget/dist',
  litelement: true,
  plugins: [publicApiOnly],
};
