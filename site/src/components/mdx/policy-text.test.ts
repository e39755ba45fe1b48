import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../../../core/node/load-support-config.ts';
import {
  attachmentLimitsText,
  backupsText,
  channelsText,
  duplicatesText,
  formatBytes,
  formatPrice,
  hoursText,
  includedText,
  maintenancePlansText,
  paidSupportText,
  planChangesText,
  priceText,
  replyCommitmentText,
  supportPlansText,
  ticketClosingText,
  topicKeysOf,
} from './policy-text.ts';

const realSource = readFileSync('content/support.yaml', 'utf8');
const real = parseSupportConfig(realSource, 'content/support.yaml');
// The fixture's support.yaml is the policy as it stands today, kept still for exact wording.
const fixture = parseSupportConfig(readFileSync('test/fixtures/kb-mini/support.yaml', 'utf8'), 'kb-mini/support.yaml');

/** A copy of the real support.yaml with one edit, as an operator would make it. */
function changed(from: string | RegExp, to: string) {
  const source = realSource.replace(from, to);
  expect(source, `the edit ${String(from)} applies to content/support.yaml`).not.toBe(realSource);
  return parseSupportConfig(source, 'changed support.yaml');
}

describe('the policy texts say what the real support.yaml says', () => {
  const br = real.markets.br;
  const itMarket = real.markets.it;

  it('Brazilian hours name the days, the clock times and the zone, and that a ticket can be sent after hours', () => {
    const text = hoursText(real, 'pt-BR');
    expect(text).toContain(`das ${br.hours.open} às ${br.hours.close} (horário de Brasília)`);
    expect(text).toContain('exceto feriados');
    expect(text).toContain('Fora desse horário, você ainda pode enviar um ticket');
  });

  it('Italian hours give no clock time, since the policy publishes none', () => {
    expect(itMarket.hours.open).toBeUndefined();
    const text = hoursText(real, 'it');
    expect(text).not.toMatch(/\d/);
    expect(text).toContain("in orario d'ufficio");
    expect(text).toContain('esclusi i giorni festivi');
  });

  it('the Brazilian reply rule promises no time at all', () => {
    const text = replyCommitmentText(real, 'pt-BR');
    expect(text).not.toMatch(/\d/);
    expect(text).toMatch(/mais rápido possível.*ordem de chegada.*urgência não muda essa ordem/);
  });

  it('the Italian reply rule is a commitment, not a guarantee, with its days, condition and departments', () => {
    const rule = itMarket.firstReply;
    if (rule.model !== 'calendar-days') throw new Error('the Italian market commits to calendar days');
    const text = replyCommitmentText(real, 'it');
    expect(text).toContain(`entro ${rule.days} giorni`);
    expect(text).toContain(rule.condition.it);
    expect(text).toContain('non una garanzia');
    for (const key of rule.departments) expect(text).toContain(real.departments.find((d) => d.key === key)!.name.it);
  });

  it('ticket closing is stated for Italy only', () => {
    expect(ticketClosingText(real, 'pt-BR')).toBeUndefined();
    expect(ticketClosingText(real, 'it')).toContain(`${itMarket.ticketClosing!.daysWithoutCustomerReply} giorni`);
  });

  it('the price is the Brazilian price in reais, and the credit pack in Italy', () => {
    const paid = br.paidSupport;
    if (paid.model !== 'per-request') throw new Error('Brazil charges per request');
    expect(priceText(real, 'pt-BR')).toBe(formatPrice(paid.price, br.currency, 'pt-BR'));
    expect(priceText(real, 'it')).toBe(itMarket.paidSupport.model === 'credits' ? itMarket.paidSupport.packName : '');
  });

  it('every topic has a phrase in both markets', () => {
    for (const lang of ['pt-BR', 'it'] as const) {
      for (const topic of topicKeysOf(real)) expect(includedText(real, lang, topic)).toMatch(/\w/);
    }
  });

  it('an unknown topic key fails, naming the key and the keys there are', () => {
    expect(() => includedText(real, 'pt-BR', 'dsn')).toThrow(/<Included topic="dsn" \/>: expected a topic key from support\.yaml \(email, access, .*\), found "dsn"/);
  });

  it('the attachment limits are the configured ones', () => {
    const { maxFiles, maxFileBytes, maxTotalBytes } = real.attachments;
    expect(attachmentLimitsText(real, 'pt-BR')).toContain(`até ${maxFiles} arquivos, de no máximo ${formatBytes(maxFileBytes, 'pt-BR')} cada e ${formatBytes(maxTotalBytes, 'pt-BR')} no total`);
  });

  it('fields a market does not have render nothing', () => {
    expect(planChangesText(real, 'it')).toBeUndefined();
    expect(maintenancePlansText(real, 'pt-BR')).toBeUndefined();
    expect(supportPlansText(real, 'pt-BR')).toBeUndefined();
  });
});

describe('the exact wording, on the policy as it stands (test fixture)', () => {
  const nbsp = '\u00a0';

  it('reads naturally in Portuguese', () => {
    expect(hoursText(fixture, 'pt-BR')).toBe(
      'Atendemos de segunda a sexta-feira, das 09:00 às 18:00 (horário de Brasília), exceto feriados. Fora desse horário, você ainda pode enviar um ticket pela área do cliente.',
    );
    expect(priceText(fixture, 'pt-BR')).toBe(`R$${nbsp}15,00`);
    expect(paidSupportText(fixture, 'pt-BR')).toEqual([
      `O suporte avançado é cobrado por solicitação, e o valor é informado no ticket: em média R$${nbsp}15,00 por solução que leve menos de 25 minutos. Trabalhos mais longos são calculados e orçados antes de começar.`,
      'O pagamento é feito antes do trabalho, porque é um serviço à parte da hospedagem.',
      'Todo pedido pago precisa trazer uma captura de tela do problema e os passos que levam até ele.',
    ]);
    expect(includedText(fixture, 'pt-BR', 'email')).toBe('incluído no plano');
    expect(includedText(fixture, 'pt-BR', 'backup')).toBe('pago (suporte avançado)');
    expect(includedText(fixture, 'pt-BR', 'migration')).toBe('orçado antes');
    expect(includedText(fixture, 'pt-BR', 'dns')).toBe('gratuito se a causa for nossa; pago se for uma configuração sua');
    expect(duplicatesText(fixture, 'pt-BR')).toMatch(/^Abrir um segundo ticket sobre o mesmo problema não acelera o atendimento: o ticket repetido é fechado\./);
    expect(attachmentLimitsText(fixture, 'pt-BR')).toBe('até 5 arquivos, de no máximo 10 MB cada e 20 MB no total, nos formatos PNG, JPEG, WebP, GIF, PDF ou TXT');
    expect(backupsText(fixture, 'pt-BR')).toBe('Gerar ou restaurar um backup é pago (suporte avançado). Antes de uma restauração, é preciso verificar se há um backup disponível.');
    expect(planChangesText(fixture, 'pt-BR')).toMatch(/^Mudar para um plano maior ou menor é gratuito\. Na troca de plataforma \(Linux ↔ Windows\), a cópia dos arquivos é paga se você quiser que o suporte a faça/);
  });

  it('lists the Brazilian channels, phone and chat together with their basic requests', () => {
    const { lines, note } = channelsText(fixture, 'pt-BR');
    expect(lines.map((l) => `${l.label}: ${l.text}`)).toEqual(['Ticket: pela área do cliente, para qualquer pedido.', 'Telefone e chat: apenas para estes pedidos básicos:']);
    expect(lines[1]!.uses).toContain('Liberar um IP bloqueado ou receber de novo uma senha por e-mail');
    expect(note).toBe('Qualquer outro pedido só pode ser feito por ticket.');
  });

  it('reads naturally in Italian', () => {
    expect(hoursText(fixture, 'it')).toBe("L'assistenza è attiva dal lunedì al venerdì, in orario d'ufficio, esclusi i giorni festivi.");
    expect(replyCommitmentText(fixture, 'it')).toBe(
      "Ci impegniamo a dare una prima risposta entro 7 giorni di calendario dall'invio del ticket, per i clienti con uno dei nostri piani hosting. È un impegno, non una garanzia. Vale per i reparti Assistenza tecnica e Amministrazione; per il reparto Commerciale non è previsto un tempo di risposta.",
    );
    expect(ticketClosingText(fixture, 'it')).toBe('Un ticket che resta 7 giorni senza una tua risposta viene chiuso automaticamente.');
    expect(paidSupportText(fixture, 'it')).toEqual([
      "Gli interventi extra si pagano con pacchetti di crediti WPCRED, acquistati in anticipo. I crediti valgono 365 giorni dall'acquisto, non sono rimborsabili e non possono essere rivenduti.",
      'Non è sempre possibile sapere in anticipo se un intervento sarà a pagamento, né quanto costerà.',
    ]);
    expect(priceText(fixture, 'it')).toBe('WPCRED');
    expect(includedText(fixture, 'it', 'backup')).toBe('a pagamento (crediti WPCRED)');
    expect(includedText(fixture, 'it', 'email')).toBe('gratuito se la causa è nostra; a pagamento se dipende da una tua configurazione');
    expect(attachmentLimitsText(fixture, 'it')).toBe('fino a 5 file, di massimo 10 MB ciascuno e 20 MB in totale, nei formati PNG, JPEG, WebP, GIF, PDF o TXT');
    expect(backupsText(fixture, 'it')).toBe('Ripristinare un backup è a pagamento (crediti WPCRED).');
    expect(maintenancePlansText(fixture, 'it')).toBe(
      "I piani di manutenzione, che non sono piani hosting, coprono la manutenzione ordinaria e la messa in sicurezza del sito. Solo il piano Hyper include anche l'assistenza straordinaria.",
    );
    expect(supportPlansText(fixture, 'it')).toMatch(/^I piani di assistenza e i crediti acquistati valgono 365 giorni dall'acquisto, non sono rimborsabili e non possono essere rivenduti\./);
  });

  it('says Italian support is by ticket only, the phone being for commercial information', () => {
    const { lines, note } = channelsText(fixture, 'it');
    expect(lines.map((l) => `${l.label}: ${l.text}`)).toEqual(["Ticket: dall'area clienti, per qualsiasi richiesta.", 'Telefono: solo per informazioni commerciali, senza assistenza tecnica.']);
    expect(note).toBe("L'assistenza si riceve solo tramite ticket.");
  });
});

describe('a changed support.yaml changes the text', () => {
  it('a new Brazilian price shows in the price and in the paid terms', () => {
    const config = changed(/price: 15\b/, 'price: 19.9');
    expect(priceText(config, 'pt-BR')).toBe('R$\u00a019,90');
    expect(paidSupportText(config, 'pt-BR')[0]).toContain('em média R$\u00a019,90 por solução');
  });

  it('new minutes, reply days, closing days and credit validity show where they are stated', () => {
    expect(paidSupportText(changed(/maxMinutes: 25\b/, 'maxMinutes: 30'), 'pt-BR')[0]).toContain('menos de 30 minutos');
    expect(replyCommitmentText(changed(/days: 7\n/, 'days: 10\n'), 'it')).toContain('entro 10 giorni');
    expect(ticketClosingText(changed(/daysWithoutCustomerReply: 7\b/, 'daysWithoutCustomerReply: 1'), 'it')).toContain('resta 1 giorno senza');
    expect(paidSupportText(changed(/validityDays: 365, refundable: false, resellable: false, costKnownInAdvance/, 'validityDays: 730, refundable: true, resellable: false, costKnownInAdvance'), 'it')[0]).toContain(
      'valgono 730 giorni dall\'acquisto, sono rimborsabili e non possono essere rivenduti',
    );
  });

  it('Italian clock times, once published, are shown with the zone', () => {
    const config = changed('hours: { days: [1, 2, 3, 4, 5] }', 'hours: { days: [1, 2, 3, 4, 5, 6], open: "08:30", close: "17:00" }');
    expect(hoursText(config, 'it')).toMatch(/^L'assistenza è attiva dal lunedì al sabato, dalle 08:30 alle 17:00 \(ora italiana\), esclusi i giorni festivi\. Fuori da questo orario/);
  });

  it('a topic moved to another tier reads as the new tier', () => {
    const config = changed('tier: { br: paid-unless-ours, it: paid-unless-ours }', 'tier: { br: included, it: quoted }');
    expect(includedText(config, 'pt-BR', 'dns')).toBe('incluído no plano');
    expect(includedText(config, 'it', 'dns')).toBe("su preventivo, prima dell'intervento");
  });

  it('a Brazilian closing rule, once added, is stated in Portuguese', () => {
    const config = changed('    duplicates: closed\n', '    duplicates: closed\n    ticketClosing: { daysWithoutCustomerReply: 5 }\n');
    expect(ticketClosingText(config, 'pt-BR')).toBe('Um ticket que fica 5 dias sem resposta sua é fechado automaticamente.');
  });

  it('new attachment caps and types show in the limits', () => {
    const config = changed(/maxFiles: 5\b/, 'maxFiles: 3');
    expect(attachmentLimitsText(config, 'it')).toMatch(/^fino a 3 file, di massimo 10 MB/);
    const oneFile = changed(/maxFiles: 5\b/, 'maxFiles: 1');
    expect(attachmentLimitsText(oneFile, 'pt-BR')).toMatch(/^até 1 arquivo, de no máximo 10 MB, nos formatos/);
  });
});
