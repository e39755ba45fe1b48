import { describe, expect, it } from 'vitest';
import { findSecrets } from './secrets.ts';
import { harmlessLookalikes, secretSpellings } from './secrets.corpus.ts';

/** Whether every character of `secret` in `text` lies inside a reported range. */
function hidden(text: string, secret: string): boolean {
  const start = text.indexOf(secret);
  const ranges = findSecrets(text);
  for (let i = start; i < start + secret.length; i++) if (!ranges.some((r) => r.start <= i && i < r.end)) return false;
  return true;
}

describe('secrets: the corpus of real spellings', () => {
  it('has at least 60 spellings across pt, it and en, each quoting its secret', () => {
    expect(secretSpellings.length).toBeGreaterThanOrEqual(60);
    expect(new Set(secretSpellings.map((s) => s.lang))).toEqual(new Set(['pt', 'it', 'en']));
    for (const s of secretSpellings) expect(s.text, s.text).toContain(s.secret);
  });

  it('hides at least 95% of the secrets customers paste', () => {
    const missed = secretSpellings.filter((s) => !hidden(s.text, s.secret)).map((s) => s.text);
    expect(missed.length / secretSpellings.length, `missed: ${missed.join(' | ')}`).toBeLessThanOrEqual(0.05);
  });

  it('flags at most 2% of harmless look-alikes (error codes, hashes, order numbers, versions)', () => {
    const flagged = harmlessLookalikes.filter((text) => findSecrets(text).length > 0);
    expect(flagged.length / harmlessLookalikes.length, `flagged: ${flagged.join(' | ')}`).toBeLessThanOrEqual(0.02);
  });
});
