/** A complete, realistic ticket, published as ticket.example.json for backend authors and proven valid by a test. */
import type { Ticket } from './ticket.ts';

export const exampleTicket = {
  lang: 'pt-BR',
  department: 'technical',
  topic: 'email',
  priority: 'high',
  high: { serviceDown: true, reason: 'Nenhum e-mail externo chega à caixa de vendas desde ontem.' },
  subject: 'E-mails para vendas@padariapaodequeijo.com.br voltam com erro 550',
  message: [
    'Desde ontem (22/11) por volta das 16h, todo e-mail enviado de fora para vendas@padariapaodequeijo.com.br volta para o remetente.',
    'Passos: envio uma mensagem do meu Gmail pessoal para vendas@; em poucos minutos chega o aviso de falha abaixo.',
    'E-mails entre contas do próprio domínio funcionam. Não mudei nada no DNS nem no painel.',
  ].join('\n\n'),
  errorMessage: [
    'Delivery Status Notification (Failure)',
    '550 5.1.1 <vendas@padariapaodequeijo.com.br>: Recipient address rejected: User unknown in virtual mailbox table',
  ].join('\n'),
  service: 'Hospedagem Plano Negócios (padariapaodequeijo.com.br)',
  domain: 'padariapaodequeijo.com.br',
  panelUser: 'padaria',
  customer: { name: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br' },
  deflection: {
    query: '550 5.1.1 recipient address rejected',
    suggested: [
      'https://ajuda.nuvolo.example/pt-br/email/erro-550-destinatario-rejeitado/',
      'https://ajuda.nuvolo.example/pt-br/email/criar-conta-de-email/',
    ],
  },
  attachments: [{ name: 'falha-entrega-550.png', type: 'image/png', size: 184_392 }],
  client: { startedAt: '2026-11-23T09:41:07-03:00', pageUrl: 'https://www.nuvolo.example/pt-br/suporte/' },
} satisfies Ticket;
