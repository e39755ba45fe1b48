import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import { relatedTo, translationOf, type RelatableArticle } from './related-articles.ts';

const article = (id: string, title: string, topics: string[], department = 'technical', language: ContentLanguage = 'pt-BR', translationKey = id): RelatableArticle => ({
  id,
  data: { language, translationKey, topics, department, title },
});

/** The definition: score every candidate, then one stable sort by score and title. */
function relatedByDefinition(target: RelatableArticle, all: readonly RelatableArticle[], limit = 4): RelatableArticle[] {
  const { language, topics, department } = target.data;
  const scores = new Map<RelatableArticle, number>();
  for (const topic of topics) {
    for (const other of all) {
      if (other.data.language === language && other.data.topics.includes(topic) && other.id !== target.id) {
        scores.set(other, (scores.get(other) ?? (other.data.department === department ? 1 : 0)) + 2);
      }
    }
  }
  if (scores.size < limit) {
    for (const other of all) {
      if (other.data.language !== language || other.data.department !== department) continue;
      if (other.id !== target.id && !scores.has(other)) scores.set(other, 1);
      if (scores.size >= limit * 4) break;
    }
  }
  return [...scores]
    .sort(([a, x], [b, y]) => y - x || a.data.title.localeCompare(b.data.title))
    .slice(0, limit)
    .map(([a]) => a);
}

describe('related articles', () => {
  it('lists articles sharing more topics first, then same-department ones, alphabetically by title with accents in place', () => {
    const target = article('dns', 'DNS', ['dns', 'domains']);
    const all = [
      target,
      article('b', 'Zona DNS', ['dns', 'domains'], 'billing'),
      article('c', 'Ébano', ['dns']),
      article('d', 'Eco', ['dns']),
      article('e', 'Faturas', ['invoices']),
      article('f', 'Apagar', ['dns'], 'technical', 'it'),
    ];
    expect(relatedTo(target, all).map((a) => a.id)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('keeps the list order between articles of the same title and score', () => {
    const target = article('t', 'Alvo', ['dns']);
    const all = [target, article('x', 'Mesmo título', ['dns']), article('y', 'Mesmo título', ['dns']), article('z', 'Mesmo título', ['dns'])];
    expect(relatedTo(target, all, 2).map((a) => a.id)).toEqual(['x', 'y']);
    expect(relatedTo(target, [target, ...all.slice(1).reverse()], 2).map((a) => a.id)).toEqual(['z', 'y']);
  });

  it('fills a list from the department counting the sharers other than the article itself', () => {
    const target = article('t', 'Alvo', ['dns']);
    const sharer = article('s', 'Vizinho', ['dns']);
    // Department-only articles are taken in list order until there are four times the limit of candidates:
    // the one with the earliest title comes too late to be among them.
    const departmentOnly = Array.from({ length: 10 }, (_, i) => article(`d${i}`, i === 8 ? 'Aaa' : `Zona ${i}`, ['email']));
    const all = [target, sharer, ...departmentOnly];
    expect(relatedTo(sharer, all, 2).map((a) => a.id)).toEqual(['t', 'd0']);
    expect(relatedTo(target, all, 2).map((a) => a.id)).toEqual(['s', 'd0']);
  });

  it('picks for every article of any list exactly what scoring and sorting every candidate would', () => {
    const titles = ['Ação', 'acao', 'Acao', 'Zebra', 'zebra', 'Éclair', 'Eclair', 'DNS', 'dns', 'Ünico', 'A b', 'Ab', ''];
    const entry = fc.record({
      title: fc.constantFrom(...titles),
      topics: fc.uniqueArray(fc.constantFrom('dns', 'email', 'plans', 'invoices'), { maxLength: 3 }),
      department: fc.constantFrom('technical', 'billing', 'sales'),
      language: fc.constantFrom<ContentLanguage>('pt-BR', 'it'),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (entries, limit) => {
        const all = entries.map((e, i) => article(`a${i}`, e.title, e.topics, e.department, e.language));
        // Every article of the same list: pages share rankings computed for earlier ones.
        for (const target of all) expect(relatedTo(target, all, limit)).toEqual(relatedByDefinition(target, all, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the translation of an article by its key in the other language', () => {
    const pt = article('pt-br/dns', 'DNS', ['dns'], 'technical', 'pt-BR', 'dns');
    const it = article('it/dns', 'DNS', ['dns'], 'technical', 'it', 'dns');
    expect(translationOf(pt, 'it', [pt, it])).toBe(it);
    expect(translationOf(pt, 'it', [pt])).toBeUndefined();
  });
});
