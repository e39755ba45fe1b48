// custom-elements.json for IDEs, docs and framework wrappers: read from the element's JSDoc.
export default {
  globs: ['widget/src/internal/support-ticket-element.ts', 'widget/src/support-ticket.ts'],
  outdir: 'widget/dist',
  litelement: true,
};
