/** The policy components' wording in Brazilian Portuguese: every fact comes in as a value, never written here. */
import type { PolicyWords } from './policy-text.ts';

const shortDay = ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'] as const;
// "às segundas", "aos sábados": a list of weekly days carries each day's article.
const everyWeekday = ['às segundas', 'às terças', 'às quartas', 'às quintas', 'às sextas', 'aos sábados', 'aos domingos'] as const;
const dayName = (day: number, end = false) => `${shortDay[day - 1] ?? ''}${end && day <= 5 ? '-feira' : ''}`;

const and = (items: readonly string[]) => new Intl.ListFormat('pt-BR', { type: 'conjunction' }).format(items);
const or = (items: readonly string[]) => new Intl.ListFormat('pt-BR', { type: 'disjunction' }).format(items);
const days = (n: number) => `${n} ${n === 1 ? 'dia' : 'dias'}`;
const paidNote = { 'per-request': 'suporte avançado', credits: (pack: string) => `créditos ${pack}` };

export const ptBR: PolicyWords = {
  locale: 'pt-BR',
  and,
  or,
  zoneNames: { 'America/Sao_Paulo': 'horário de Brasília', 'Europe/Rome': 'horário da Itália' },
  everyDay: 'todos os dias',
  dayRange: (from, to) => `de ${dayName(from)} a ${dayName(to, true)}`,
  dayList: (list) => and(list.map((d) => everyWeekday[d - 1] ?? '')),
  hours: ({ days: when, clock, holidaysExcluded }) =>
    [
      `Atendemos ${when}, ${clock ? `das ${clock.open} às ${clock.close} (${clock.zone})` : 'em horário comercial'}${holidaysExcluded ? ', exceto feriados' : ''}.`,
      clock ? 'Fora desse horário, você ainda pode enviar um ticket pela área do cliente.' : '',
    ]
      .filter(Boolean)
      .join(' '),

  replyQueue:
    'Não prometemos um prazo para a primeira resposta: respondemos o mais rápido possível, na ordem de chegada dos tickets, e a urgência não muda essa ordem.',
  replyWithin: ({ days: n, condition, covered, uncovered }) =>
    [
      `Nós nos comprometemos a dar uma primeira resposta em até ${days(n)} corridos a partir do envio do ticket, ${condition}. É um compromisso, não uma garantia.`,
      uncovered.length
        ? `Vale para ${covered.length === 1 ? 'o departamento' : 'os departamentos'} ${and(covered)}; para ${uncovered.length === 1 ? 'o departamento' : 'os departamentos'} ${and(uncovered)} não há prazo de resposta.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),

  ticketClosing: (n) => `Um ticket que fica ${days(n)} sem resposta sua é fechado automaticamente.`,

  duplicates: {
    closed: 'Abrir um segundo ticket sobre o mesmo problema não acelera o atendimento: o ticket repetido é fechado. Para acrescentar informações, responda no ticket que já está aberto.',
    'not-faster': 'Abrir um segundo ticket sobre o mesmo problema não acelera o atendimento. Para acrescentar informações, responda no ticket que já está aberto.',
  },

  channelNames: { ticket: 'ticket', phone: 'telefone', chat: 'chat' },
  channelScope: {
    everything: (ticket) => (ticket ? 'pela área do cliente, para qualquer pedido.' : 'para qualquer pedido.'),
    basic: 'apenas para estes pedidos básicos:',
    commercial: 'apenas para informações comerciais, sem suporte técnico.',
  },
  channelsRestByTicket: 'Qualquer outro pedido só pode ser feito por ticket.',
  channelsOnlyTicket: 'O suporte é dado apenas por ticket.',

  paidPerRequest: ({ price, maxMinutes }) =>
    `O suporte avançado é cobrado por solicitação, e o valor é informado no ticket: em média ${price} por solução que leve menos de ${maxMinutes} minutos. Trabalhos mais longos são calculados e orçados antes de começar.`,
  prepaid: 'O pagamento é feito antes do trabalho, porque é um serviço à parte da hospedagem.',
  paidCredits: ({ pack, validityDays, terms }) =>
    `Os serviços extras são pagos com pacotes de créditos ${pack}, comprados antecipadamente. Os créditos valem ${days(validityDays)} a partir da compra, ${terms}.`,
  costNotKnown: 'Nem sempre é possível saber de antemão se uma intervenção será paga, nem quanto vai custar.',
  requires: (items) => `Todo pedido pago precisa trazer ${and(items)}.`,
  requirement: { screenshot: 'uma captura de tela do problema', steps: 'os passos que levam até ele' },
  terms: ({ refundable, resellable }) =>
    and([refundable ? 'são reembolsáveis' : 'não são reembolsáveis', resellable ? 'podem ser revendidos' : 'não podem ser revendidos']),

  tier: {
    included: 'incluído no plano',
    paid: (model, pack) => `pago (${model === 'credits' ? paidNote.credits(pack) : paidNote['per-request']})`,
    quoted: 'orçado antes',
    'paid-unless-ours': 'gratuito se a causa for nossa; pago se for uma configuração sua',
  },

  attachments: ({ maxFiles, perFile, total, types }) => {
    if (maxFiles === 0) return 'sem anexos';
    const files = `até ${maxFiles} ${maxFiles === 1 ? 'arquivo' : 'arquivos'}, de no máximo ${perFile}${maxFiles === 1 ? '' : ` cada e ${total} no total`}`;
    return types.length ? `${files}, nos formatos ${or(types)}` : files;
  },

  planResize: (paid) => (paid ? 'Mudar para um plano maior ou menor é um serviço pago.' : 'Mudar para um plano maior ou menor é gratuito.'),
  platformMove: (paid) =>
    paid
      ? 'Na troca de plataforma (Linux ↔ Windows), a cópia dos arquivos é paga se você quiser que o suporte a faça; se preferir, você mesmo copia os arquivos.'
      : 'Na troca de plataforma (Linux ↔ Windows), a cópia dos arquivos feita pelo suporte não é cobrada.',

  backupsPaid: (actions, paid) =>
    `${actions.length === 2 ? 'Gerar ou restaurar um backup' : actions[0] === 'generate' ? 'Gerar um backup' : 'Restaurar um backup'} é ${paid}.`,
  backupAvailability: 'Antes de uma restauração, é preciso verificar se há um backup disponível.',

  maintenancePlans: (extraordinary) =>
    [
      'Os planos de manutenção, que não são planos de hospedagem, cobrem a manutenção ordinária e a proteção do site.',
      extraordinary.length
        ? `Só ${extraordinary.length === 1 ? `o plano ${extraordinary[0] ?? ''} inclui` : `os planos ${and(extraordinary)} incluem`} também a assistência extraordinária.`
        : 'Nenhum deles inclui assistência extraordinária.',
    ].join(' '),

  supportPlans: ({ validityDays, terms }) =>
    `Os planos de suporte e os créditos comprados valem ${days(validityDays)} a partir da compra, ${terms}. Isso vale para os planos de suporte, não para os planos de hospedagem.`,
};
