/**
 * Serves the widget from the KB at `/widget/support-ticket.js`, with the content-hashed chunks it
 * loads on the first interaction (`/widget/support-ticket-<name>-<hash>.js`, pinned by hashes the
 * entry carries) and its schema, example and manifest, so hosting companies embed it from the same
 * origin as the config and search index.
 */
import type { AstroIntegration } from 'astro';
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function widgetBundle(): AstroIntegration {
  const source = fileURLToPath(new URL('../../../widget/dist/', import.meta.url));
  return {
    name: 'support-kit:widget-bundle',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        if (!existsSync(`${source}support-ticket.js`)) {
          throw new Error('widget/dist/support-ticket.js is missing: run `npm run build:widget` before the site (npm run build does both).');
        }
        // The npm package build (dist/package/) is for bundlers, not for a KB's visitors.
        const packageBuild = `${source}package`;
        cpSync(source, fileURLToPath(new URL('widget/', dir)), {
          recursive: true,
          filter: (file) => !file.endsWith('.map') && file !== packageBuild && !file.startsWith(`${packageBuild}/`),
        });
        logger.info('widget bundle copied to /widget/');
      },
    },
  };
}
