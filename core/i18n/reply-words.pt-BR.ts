/** What a customer reads about a first reply, in Brazilian Portuguese (see reply-words.en.ts). */
import type { ReplyWords } from './reply-words.en.ts';

export const replyWordsPtBR: ReplyWords = {
  queue: 'Não há prazo de resposta: os tickets são respondidos o quanto antes, por ordem de chegada, e a urgência não fura a fila.',
  attending: 'Estamos atendendo agora.',
  nextOpening: 'Próximo horário de atendimento: {when}.',
  byDate: { one: 'Nos comprometemos a responder em até {count} dia (até {date}) {condition}.', other: 'Nos comprometemos a responder em até {count} dias (até {date}) {condition}.' },
  zones: { 'America/Sao_Paulo': 'horário de Brasília', 'Europe/Rome': 'horário da Itália' },
};
