/** Checks that a ticket subject is short, specific and calm, so support can triage it at a glance. */
import { limits } from '../contract/limits.ts';
import { stopWords, words } from './words.ts';

export type SubjectCode = 'required' | 'too-short' | 'too-long' | 'all-caps' | 'generic' | 'shouting-punctuation';

export type SubjectResult =
  | { ok: true }
  | {
      ok: false;
      code: SubjectCode;
      /** Limits and the length found, for "too-short" and "too-long". */
      params?: { min?: number; max?: number; length: number };
      /** The offending text, for "shouting-punctuation". */
      ranges?: { start: number; end: number }[];
    };

/** Words that alone say nothing about the problem ("Ajuda urgente", "Problema no site", "Aiuto!"). Folded. */
const genericWords: ReadonlySet<string> = new Set(
  [
    'ajuda ajudar ajude ajudem urgente urgencia socorro problema problemas erro erros site sites pagina duvida duvidas',
    'suporte atendimento chamado importante emergencia preciso precisa precisando favor obrigado obrigada nao',
    'funciona funcionando rapido agora hoje serio grave critico aqui algo coisa',
    'aiuto aiutare aiutatemi problemi errore errori sito siti dubbio domanda assistenza emergenza bisogno grazie non',
    'funziona subito ora oggi critica attenzione qui qualcosa',
    'help urgent problem problems error errors website web page question questions issue issues support',
    'ticket important asap emergency need needs needed please pls thanks not work works working broken now today',
    'critical attention here something sos',
  ]
    .join(' ')
    .split(' '),
);

/** All-caps words this short are treated as acronyms (SSL, DNS, PHP, SMTP) unless the whole subject is in capitals. */
const acronymMaxLength = 4;
const shoutingRatio = 0.6;

function isShouted(subject: string): boolean {
  const tokens = subject.match(/\p{L}+/gu) ?? [];
  const isAcronym = (t: string) => t.length <= acronymMaxLength && t === t.toUpperCase() && t !== t.toLowerCase();
  const prose = tokens.filter((t) => !isAcronym(t)).join('');
  // "SITE FORA DO AR" consists of short words only: judge all of it.
  const judged = prose.length >= 4 ? prose : tokens.join('');
  const upper = judged.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = judged.match(/\p{Ll}/gu)?.length ?? 0;
  return upper + lower >= 4 && upper / (upper + lower) > shoutingRatio;
}

function isGeneric(subject: string): boolean {
  return words(subject)
    .filter((w) => !stopWords.has(w))
    .every((w) => genericWords.has(w));
}

/** Validates a subject; the first problem found wins, in the order of the codes above. */
export function validateSubject(input: string): SubjectResult {
  const subject = input.trim();
  const length = subject.length;
  if (length === 0) return { ok: false, code: 'required' };
  if (length < limits.subject.min) return { ok: false, code: 'too-short', params: { min: limits.subject.min, length } };
  if (length > limits.subject.max) return { ok: false, code: 'too-long', params: { max: limits.subject.max, length } };
  if (isShouted(subject)) return { ok: false, code: 'all-caps' };
  const offset = input.indexOf(subject);
  const shouting = [...subject.matchAll(/[!?¡¿]{2,}/gu)].map((m) => ({ start: offset + m.index, end: offset + m.index + m[0].length }));
  if (shouting.length > 0) return { ok: false, code: 'shouting-punctuation', ranges: shouting };
  if (isGeneric(subject)) return { ok: false, code: 'generic' };
  return { ok: true };
}
