/**
 * Error answers as `application/problem+json` (RFC 9457) with field paths and codes, in the
 * customer's language. They never echo what was sent: a rejected field may hold a secret.
 */
import type { UiLanguage as Lang } from '../../../core/contract/locales.ts';
import type { ProblemFieldError as FieldProblem } from '../../../core/contract/problem.ts';
import { fieldErrorsEn, type FieldErrorMessages } from '../../../core/i18n/field-errors.en.ts';
import { fieldErrorsIt } from '../../../core/i18n/field-errors.it.ts';
import { fieldErrorsPtBR } from '../../../core/i18n/field-errors.pt-BR.ts';
import { errorMessage } from '../../../core/i18n/format.ts';

export type { FieldProblem };

const titles: Record<string, Record<Lang, string>> = {
  'invalid-json': { 'pt-BR': 'O corpo da requisição não é um JSON válido.', it: 'Il corpo della richiesta non è un JSON valido.', en: 'The request body is not valid JSON.' },
  'missing-key': { 'pt-BR': 'Falta o cabeçalho Idempotency-Key.', it: 'Manca l’intestazione Idempotency-Key.', en: 'The Idempotency-Key header is missing.' },
  'key-reused': { 'pt-BR': 'Esta Idempotency-Key já foi usada com outro conteúdo.', it: 'Questa Idempotency-Key è già stata usata con un altro contenuto.', en: 'This Idempotency-Key was already used with a different body.' },
  'in-flight': { 'pt-BR': 'O mesmo envio ainda está em processamento.', it: 'Lo stesso invio è ancora in elaborazione.', en: 'The same request is still being processed.' },
  invalid: { 'pt-BR': 'Alguns campos do ticket não são válidos.', it: 'Alcuni campi del ticket non sono validi.', en: 'Some fields of the ticket are not valid.' },
  'too-large': { 'pt-BR': 'O envio é grande demais.', it: 'L’invio è troppo grande.', en: 'The request is too large.' },
  'unsupported-type': { 'pt-BR': 'Envie JSON ou multipart/form-data.', it: 'Invia JSON o multipart/form-data.', en: 'Send JSON or multipart/form-data.' },
  'forbidden-origin': { 'pt-BR': 'Este site não pode enviar para este servidor.', it: 'Questo sito non può inviare a questo server.', en: 'This site may not send to this server.' },
  'rate-limited': { 'pt-BR': 'Muitos envios seguidos. Tente de novo em instantes.', it: 'Troppi invii di seguito. Riprova tra poco.', en: 'Too many requests. Try again shortly.' },
  'not-found': { 'pt-BR': 'Ticket não encontrado. Confira o link do e-mail de confirmação.', it: 'Ticket non trovato. Controlla il link nell’email di conferma.', en: 'Ticket not found. Check the link in your confirmation e-mail.' },
  'bad-request': { 'pt-BR': 'Requisição inválida.', it: 'Richiesta non valida.', en: 'Bad request.' },
  'too-deep': { 'pt-BR': 'O JSON tem níveis aninhados demais.', it: 'Il JSON ha troppi livelli annidati.', en: 'The JSON is nested too deeply.' },
  'insufficient-storage': {
    'pt-BR': 'O servidor está sem espaço para guardar o ticket agora. Nada foi salvo; tente de novo mais tarde.',
    it: 'Il server non ha spazio per salvare il ticket in questo momento. Non è stato salvato nulla; riprova più tardi.',
    en: 'The server has no room to store the ticket right now. Nothing was saved; try again later.',
  },
  'sign-in-required': { 'pt-BR': 'Entre no console do suporte primeiro.', it: 'Accedi prima alla console dell’assistenza.', en: 'Sign in to the support console first.' },
  'forbidden-role': { 'pt-BR': 'Seu papel no console não inclui isto.', it: 'Il tuo ruolo nella console non include questo.', en: 'Your console role does not include this.' },
  'stale-form': { 'pt-BR': 'Este formulário já foi enviado ou expirou. Recarregue a página.', it: 'Questo modulo è già stato inviato o è scaduto. Ricarica la pagina.', en: 'This form was already sent or has expired. Reload the page.' },
  'no-such-thing': { 'pt-BR': 'Não encontrado.', it: 'Non trovato.', en: 'Not found.' },
  'too-many-connections': { 'pt-BR': 'Conexões demais deste endereço.', it: 'Troppe connessioni da questo indirizzo.', en: 'Too many connections from this address.' },
  'new-ticket-needed': {
    'pt-BR': 'Este ticket está fechado e não pode ser reaberto. Abra um novo ticket e cite o número deste.',
    it: 'Questo ticket è chiuso e non può essere riaperto. Apri un nuovo ticket e indica il numero di questo.',
    en: 'This ticket is closed and cannot be reopened. Open a new ticket and mention this one’s number.',
  },
  'customer-token': {
    'pt-BR': 'Entre de novo na área do cliente: sua sessão expirou ou não foi reconhecida.',
    it: 'Accedi di nuovo all’area clienti: la sessione è scaduta o non è stata riconosciuta.',
    en: 'Sign in to the client area again: your session expired or was not recognised.',
  },
  'bad-signature': { 'pt-BR': 'A assinatura do webhook não confere.', it: 'La firma del webhook non corrisponde.', en: 'The webhook signature does not match.' },
  'stale-signature': {
    'pt-BR': 'A assinatura do webhook é antiga demais ou do futuro: envie de novo com o horário atual.',
    it: 'La firma del webhook è troppo vecchia o nel futuro: invia di nuovo con l’orario attuale.',
    en: 'The webhook signature is too old or in the future: send it again with the current time.',
  },
  'helpdesk-unavailable': {
    'pt-BR': 'O helpdesk não respondeu ao buscarmos a mudança. Tente de novo.',
    it: 'L’helpdesk non ha risposto mentre leggevamo la modifica. Riprova.',
    en: 'The helpdesk did not answer while we read the change. Try again.',
  },
};

const fieldMessages: Record<string, Record<Lang, string>> = {
  required: { 'pt-BR': 'Campo obrigatório.', it: 'Campo obbligatorio.', en: 'This field is required.' },
  invalid: { 'pt-BR': 'Valor inválido.', it: 'Valore non valido.', en: 'This value is not valid.' },
  'too-short': { 'pt-BR': 'Texto curto demais.', it: 'Testo troppo corto.', en: 'Too short.' },
  'too-long': { 'pt-BR': 'Texto longo demais.', it: 'Testo troppo lungo.', en: 'Too long.' },
  type: { 'pt-BR': 'Tipo de arquivo não aceito (verificado pelo conteúdo).', it: 'Tipo di file non accettato (verificato dal contenuto).', en: 'File type not accepted (checked by content).' },
  // One answer for every bot trap (honeypot, fill time), so a bot cannot learn which one it hit.
  refused: { 'pt-BR': 'Não foi possível aceitar este envio. Aguarde um pouco e envie de novo.', it: 'Non è stato possibile accettare questo invio. Attendi un momento e invia di nuovo.', en: 'This submission could not be accepted. Wait a moment and send it again.' },
  department: { 'pt-BR': 'Departamento desconhecido.', it: 'Reparto sconosciuto.', en: 'Unknown department.' },
  topic: { 'pt-BR': 'Assunto desconhecido para este departamento.', it: 'Argomento sconosciuto per questo reparto.', en: 'Unknown topic for this department.' },
  'attachments-mismatch': { 'pt-BR': 'Os anexos não correspondem aos arquivos enviados.', it: 'Gli allegati non corrispondono ai file inviati.', en: 'The attachments do not match the files sent.' },
};

export function fieldProblem(path: string, code: string, lang: Lang): FieldProblem {
  return { path, code, message: (fieldMessages[code] ?? fieldMessages.invalid!)[lang] };
}

/** The widget's own messages, so the API and the form say the same thing about the same mistake. */
const validatorMessages: Record<Lang, FieldErrorMessages> = { 'pt-BR': fieldErrorsPtBR, it: fieldErrorsIt, en: fieldErrorsEn };

/** What a failed zod validation says, as much of it as field problems need (no input: it is never echoed). */
export interface ValidationIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  input?: unknown;
  params?: Record<string, unknown>;
}

/**
 * One problem per field. Core's validators report an error key (`subject.all-caps`) with its
 * parameters: that field gets the validator's own message; other issues get a generic code.
 */
export function validationProblems(issues: readonly ValidationIssue[], lang: Lang): FieldProblem[] {
  const byPath = new Map<string, { problem: FieldProblem; precise: boolean }>();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    const key = issue.code === 'custom' && issue.message in fieldErrorsEn ? issue.message : undefined;
    const problem = key
      ? { path, code: key.slice(key.indexOf('.') + 1), message: errorMessage(validatorMessages[lang], key, issue.params as Record<string, string | number>) }
      : fieldProblem(path, genericCode(issue), lang);
    const seen = byPath.get(path);
    if (!seen || (key && !seen.precise)) byPath.set(path, { problem, precise: Boolean(key) });
  }
  return [...byPath.values()].map((entry) => entry.problem);
}

function genericCode(issue: ValidationIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'too_small') return 'too-short';
  if (issue.code === 'too_big') return 'too-long';
  return 'invalid';
}

export function problem(
  status: number,
  code: keyof typeof titles,
  lang: Lang,
  extra: { errors?: FieldProblem[]; headers?: Record<string, string>; detail?: string } = {},
): Response {
  const body = {
    type: `https://support-kit.dev/problems/${code}`,
    title: titles[code]![lang],
    status,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...extra.headers } });
}

/** Reads and discards a request body (up to `max` bytes) so an early answer reaches the client instead of a reset. */
export async function drain(body: ReadableStream<Uint8Array> | null, max = 64 * 1024 * 1024): Promise<void> {
  if (!body) return;
  let seen = 0;
  try {
    for await (const chunk of body) {
      seen += chunk.byteLength;
      if (seen > max) break;
    }
  } catch {
    // the client went away: nothing to answer
  }
}
