import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The `--kb-*` custom properties a stylesheet declares, per block (light, then dark). */
function tokens(css: string): Record<string, string>[] {
  const blocks: string[] = css.match(/:root\s*\{[^}]*\}/g) ?? [];
  return blocks.map((block) => Object.fromEntries([...block.matchAll(/(--kb-[\w-]+):\s*([^;]+);/g)].map(([, name = '', value = '']): [string, string] => [name, value.trim()])));
}

describe('the console\'s look', () => {
  it('uses the knowledge base\'s colours, fonts and radius, light and dark, as site/src/styles/global.css has them', () => {
    const kb = tokens(readFileSync('site/src/styles/global.css', 'utf8'));
    const console_ = tokens(readFileSync('server/src/console/assets/console.css', 'utf8'));
    // The first two blocks: the light scheme and the dark one (print's overrides come later).
    expect(kb.length).toBeGreaterThanOrEqual(2);
    expect(console_.slice(0, 2)).toEqual(kb.slice(0, 2));
  });
});
