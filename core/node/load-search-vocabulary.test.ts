import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSearchVocabulary, parseSearchVocabulary } from './load-search-vocabulary.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'kb-vocabulary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the search's vocabulary, as editors write it", () => {
  it('reads groups of words and phrases that mean the same', () => {
    expect(parseSearchVocabulary('groups:\n  - [fora do ar, caiu, " offline "]\n', 'synonyms.pt-BR.yaml')).toEqual({ groups: [['fora do ar', 'caiu', 'offline']] });
  });

  it('is empty for a language whose editors wrote no file yet, or an empty one', () => {
    expect(loadSearchVocabulary('it', dir)).toEqual({ groups: [] });
    expect(parseSearchVocabulary('# to do\n', 'synonyms.it.yaml')).toEqual({ groups: [] });
  });

  it('names the file, the field, what was expected and what was found', () => {
    mkdirSync(path.join(dir, 'search'), { recursive: true });
    writeFileSync(path.join(dir, 'search/synonyms.pt-BR.yaml'), 'groups:\n  - [caiu, offline]\n  - [lento]\n  - [dns, 42]\n');
    expect(() => loadSearchVocabulary('pt-BR', dir)).toThrow(/synonyms\.pt-BR\.yaml has 2 problem\(s\):\n {2}- groups\.1: expected at least 2 items, found a list of 1\n {2}- groups\.2\.1: expected string, found 42/);
    expect(() => parseSearchVocabulary('synonyms:\n  - [a, b]\n', 'synonyms.it.yaml')).toThrow('- groups: expected array, found nothing\n  - (top level): expected no field "synonyms"');
    expect(() => parseSearchVocabulary('groups: [[a, b]\n', 'synonyms.it.yaml')).toThrow(/synonyms\.it\.yaml: not valid YAML/);
  });
});
