/** Texts of the "Was this helpful?" block, one typed entry per content language. */
import type { ContentLanguage } from '../../../../core/contract/locales.ts';

export interface VoteStrings {
  /** Section heading; also names the yes/no group. */
  heading: string;
  yes: string;
  no: string;
  /** Shown once a vote exists: how to change it. */
  changeHint: string;
  commentLabel: string;
  /** Under the comment box: what not to paste, and the length limit. */
  commentHint: string;
  commentSend: string;
  thanksYes: string;
  thanksNo: string;
  thanksComment: string;
  /** `{helpful}` and `{total}` are filled in; worded so it reads right for any number, 1 included. */
  counts: string;
}

export const voteStrings = {
  'pt-BR': {
    heading: 'Este artigo foi útil?',
    yes: 'Sim',
    no: 'Não',
    changeHint: 'Mudou de ideia? É só escolher a outra resposta.',
    commentLabel: 'O que faltou neste artigo? (opcional)',
    commentHint: 'Não escreva senhas nem dados pessoais. Até 500 caracteres.',
    commentSend: 'Enviar comentário',
    thanksYes: 'Obrigado pelo retorno!',
    thanksNo: 'Obrigado pelo retorno. Se quiser, conte o que faltou.',
    thanksComment: 'Comentário enviado. Obrigado por ajudar a melhorar este artigo!',
    counts: 'Votos positivos: {helpful} de {total}',
  },
  it: {
    heading: 'Questo articolo ti è stato utile?',
    yes: 'Sì',
    no: 'No',
    changeHint: 'Hai cambiato idea? Basta scegliere l’altra risposta.',
    commentLabel: 'Che cosa mancava in questo articolo? (facoltativo)',
    commentHint: 'Non scrivere password né dati personali. Massimo 500 caratteri.',
    commentSend: 'Invia commento',
    thanksYes: 'Grazie per il riscontro!',
    thanksNo: 'Grazie per il riscontro. Se vuoi, dicci che cosa mancava.',
    thanksComment: 'Commento inviato. Grazie per averci aiutato a migliorare questo articolo!',
    counts: 'Voti positivi: {helpful} su {total}',
  },
} satisfies Record<ContentLanguage, VoteStrings>;
