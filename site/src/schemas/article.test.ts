import { describe, expect, it } from 'vitest';
import { articleSchema } from './article.ts';
import { formatIssues } from '../../../core/node/describe-issue.ts';

const valid = {
  title: 'Como redefinir a senha da área do cliente',
  description: 'Passo a passo para criar uma nova senha quando você esqueceu a atual.',
  language: 'pt-BR',
  translationKey: 'reset-password',
  kind: 'howto',
  department: 'billing',
  topics: ['account'],
  errors: ['Senha incorreta'],
  updated: '2026-11-20',
};

function problems(data: Record<string, unknown>): string[] {
  const result = articleSchema.safeParse(data);
  return result.success ? [] : formatIssues(result.error.issues, data);
}

describe('article front matter', () => {
  it('accepts a complete article and turns the date into a Date', () => {
    const parsed = articleSchema.parse(valid);
    expect(parsed.updated.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(parsed.featured).toBeUndefined();
  });

  it('lets an article list no error messages', () => {
    const { errors: _errors, ...rest } = valid;
    expect(articleSchema.parse(rest).errors).toEqual([]);
  });

  it('names the field, what was expected and what was found for a wrong kind', () => {
    expect(problems({ ...valid, kind: 'guide' })).toEqual(['kind: expected one of "policy", "howto", found "guide"']);
  });

  it('names a missing title and an unknown department together', () => {
    const { title: _title, ...rest } = valid;
    expect(problems({ ...rest, department: 'support' })).toEqual([
      'title: expected string, found nothing',
      'department: expected one of "technical", "billing", "sales", found "support"',
    ]);
  });

  it('rejects a translation key with capitals or spaces', () => {
    expect(problems({ ...valid, translationKey: 'Reset Password' })[0]).toMatch(/^translationKey: expected a lowercase key.*found "Reset Password"$/);
  });

  it('rejects an article without topics and a language the KB does not have', () => {
    expect(problems({ ...valid, topics: [], language: 'en' })).toEqual([
      'language: expected one of "pt-BR", "it", found "en"',
      'topics: expected at least 1 items, found a list of 0',
    ]);
  });

  it('rejects a date that is not a date', () => {
    expect(problems({ ...valid, updated: 'yesterday' })[0]).toMatch(/^updated: expected date/);
  });
});
