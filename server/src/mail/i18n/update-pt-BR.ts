/** O e-mail sobre as novidades de um ticket (uma mudança de status, uma resposta), em português. */
import type { UpdateMessages } from './update-en.ts';

export const updatePtBR: UpdateMessages = {
  statuses: {
    open: 'Aberto',
    'in-review': 'Em análise',
    'in-progress': 'Em andamento',
    'waiting-customer': 'Aguardando resposta',
    answered: 'Respondido',
    closed: 'Fechado',
  },
  subjectReply: '[{number}] O suporte respondeu: {subject}',
  subjectStatus: '[{number}] Seu ticket agora está “{status}”: {subject}',
  subjectClosed: '[{number}] Seu ticket foi fechado: {subject}',
  greeting: 'Olá, {name},',
  replied: 'O suporte respondeu ao seu ticket {number}.',
  repliedElsewhere: 'O suporte respondeu ao seu ticket {number}. Abra o ticket para ler a resposta.',
  changed: 'O status do seu ticket {number} agora é “{status}”.',
  closed: 'Seu ticket {number} foi fechado.',
  note: 'Observação do suporte:',
  waiting: 'Precisamos da sua resposta para continuar. Responda pela página do ticket: sem resposta sua, o ticket fecha em {date}.',
  waitingNoClosing: 'Precisamos da sua resposta para continuar. Responda pela página do ticket.',
  reopen: 'Se o problema não foi resolvido, responda pela página do ticket e ele é reaberto.',
  newTicket: 'Se o problema não foi resolvido, abra um novo ticket e cite o número {number}.',
  follow: 'Abrir o seu ticket {number}',
  followText: 'Seu ticket: {url}',
  passwords: 'Nunca envie senhas em uma resposta: a {company} nunca vai pedi-las.',
  signature: 'Equipe de suporte {company}',
  automatic: 'Mensagem enviada automaticamente. Responda pela página do ticket para que a sua resposta fique no ticket.',
};
