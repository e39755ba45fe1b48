import type { ConfirmationMessages } from './en.ts';
import { keyNamesPtBR } from '../../../../core/i18n/key-names.pt-BR.ts';

/** The confirmation e-mail in Brazilian Portuguese (você, as the widget speaks). */
export const ptBR: ConfirmationMessages = {
  subject: '[{number}] Recebemos seu ticket: {subject}',
  greeting: 'Olá, {name},',
  received: 'Recebemos seu ticket e ele já está na fila do nosso suporte. O número dele é {number}.',
  summary: 'Resumo',
  number: 'Número',
  department: 'Departamento',
  priority: 'Prioridade',
  subjectLabel: 'Assunto',
  message: 'Mensagem',
  ...keyNamesPtBR,
  follow: 'Acompanhar seu ticket {number}',
  followText: 'Acompanhe seu ticket: {url}',
  redacted:
    'Ao receber seu ticket, removemos automaticamente algo que parecia uma senha, uma chave ou um número de cartão. Se você já tinha compartilhado esse dado em algum lugar, troque-o.',
  tips: 'Bom saber',
  tipReply:
    'Para acrescentar informações, responda a este e-mail ou escreva dentro do ticket, mantendo o número {number} no assunto.',
  tipDuplicate: 'Não abra um novo ticket sobre o mesmo problema: um segundo ticket não acelera o atendimento.',
  tipDuplicateClosed: 'Ele é fechado.',
  tipClosing: 'Quando pedirmos informações, responda em até {days} dias: um ticket sem resposta sua por {days} dias é fechado automaticamente.',
  tipPasswords:
    'Nunca envie senhas, nem por e-mail nem no ticket: nossa equipe jamais vai pedi-las. Se precisarmos de acesso, explicaremos como liberá-lo com segurança.',
  signature: 'Equipe de suporte {company}',
  automatic: 'Esta mensagem foi enviada automaticamente, mas as respostas chegam à nossa equipe.',
};
