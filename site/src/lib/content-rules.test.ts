import { describe, expect, it } from 'vitest';
import { crossCheck, type ArticleRef } from './content-rules.ts';

const topics = new Set(['email', 'account']);
const article = (id: string, language: 'pt-BR' | 'it', translationKey: string, articleTopics = ['email']): ArticleRef => ({
  id,
  filePath: `content/${id}.mdx`,
  data: { language, translationKey, topics: articleTopics },
});

describe('content rules across articles', () => {
  it('accepts a translated pair', () => {
    expect(crossCheck([article('pt-br/configurar-email', 'pt-BR', 'email-setup'), article('it/configurare-posta', 'it', 'email-setup')], topics)).toEqual([]);
  });

  it('accepts an article that is not translated yet', () => {
    expect(crossCheck([article('pt-br/configurar-email', 'pt-BR', 'email-setup')], topics)).toEqual([]);
  });

  it('names an Italian article filed in the Portuguese folder', () => {
    expect(crossCheck([article('pt-br/configurare-posta', 'it', 'email-setup')], topics)).toEqual([
      'content/pt-br/configurare-posta.mdx: language: expected "pt-BR" for the pt-br/ folder, found "it"',
    ]);
  });

  it('names a topic that support.yaml does not have', () => {
    expect(crossCheck([article('it/posta', 'it', 'email-setup', ['mail'])], topics)[0]).toBe(
      'content/it/posta.mdx: topics: expected a topic key from support.yaml (email, account), found "mail"',
    );
  });

  it('refuses two Portuguese articles with one translation key', () => {
    const problems = crossCheck([article('pt-br/a', 'pt-BR', 'email-setup'), article('pt-br/b', 'pt-BR', 'email-setup')], topics);
    expect(problems).toEqual(['content/pt-br/b.mdx: translationKey: expected one pt-BR article per key, found "email-setup" also in content/pt-br/a.mdx']);
  });

  it('refuses an article named like the search page', () => {
    expect(crossCheck([article('pt-br/busca', 'pt-BR', 'search')], topics)[0]).toMatch(/"busca" is the address of a site page/);
  });
});
