import { describe, expect, it } from 'vitest';
import { validateSubject } from './subject.ts';

const code = (subject: string) => {
  const result = validateSubject(subject);
  return result.ok ? 'ok' : result.code;
};

describe('subject', () => {
  it('accepts specific subjects in every language', () => {
    expect(code('E-mail rejeitado com erro 550 em contato@example.com.br')).toBe('ok');
    expect(code('Certificato SSL scaduto su caffè.it')).toBe('ok');
    expect(code('WordPress admin shows a white page after update')).toBe('ok');
  });

  it('asks for a subject when it is empty or blank', () => {
    expect(code('')).toBe('required');
    expect(code('   ')).toBe('required');
  });

  it('says how short the subject is and how long it must be', () => {
    expect(validateSubject('  Erro  ')).toEqual({ ok: false, code: 'too-short', params: { min: 8, length: 4 } });
  });

  it('says when the subject is longer than 120 characters', () => {
    expect(validateSubject('Erro 550 '.repeat(14))).toMatchObject({ ok: false, code: 'too-long', params: { max: 120 } });
    expect(code('x'.repeat(120))).not.toBe('too-long');
  });

  it('asks not to write in capitals', () => {
    expect(code('MEU SITE ESTÁ FORA DO AR')).toBe('all-caps');
    expect(code('SITE FORA DO AR')).toBe('all-caps');
    expect(code('IL SITO NON FUNZIONA DA IERI')).toBe('all-caps');
    expect(code('ERRO 550 NO SMTP')).toBe('all-caps');
  });

  it('does not mistake acronyms like SSL, DNS, PHP or SMTP for shouting', () => {
    expect(code('Erro SSL no DNS do PHP')).toBe('ok');
    expect(code('Falha de SMTP e IMAP no Outlook')).toBe('ok');
    expect(code('Versione PHP su WHM')).toBe('ok');
  });

  it('asks for a specific subject instead of generic words', () => {
    expect(code('Ajuda urgente')).toBe('generic');
    expect(code('Socorro, meu site!')).toBe('generic');
    expect(code('Problema no site')).toBe('generic');
    expect(code('Preciso de ajuda por favor')).toBe('generic');
    expect(code('Aiuto, il sito non funziona')).toBe('generic');
    expect(code('Urgent help needed')).toBe('generic');
  });

  it('accepts a generic word once something specific comes with it', () => {
    expect(code('Erro 500 no site')).toBe('ok');
    expect(code('Problema con la posta in uscita')).toBe('ok');
  });

  it('asks not to repeat exclamation or question marks, and points at them', () => {
    expect(validateSubject('Webmail não abre!!!')).toEqual({
      ok: false,
      code: 'shouting-punctuation',
      ranges: [{ start: 16, end: 19 }],
    });
    expect(code('Why is my DNS not updating??')).toBe('shouting-punctuation');
    expect(code('Backup não restaura. Por quê?')).toBe('ok');
  });

  it('reports capitals before punctuation when a subject is both shouted and generic', () => {
    expect(code('HELP ME NOW!!!')).toBe('all-caps');
  });
});
