/** Word handling shared by the subject checks and the duplicate finder, for pt-BR, it and en. */

/** Lowercase and without accents, so "Não" and "nao" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a text; "e-mail" stays one word, Italian elisions split ("dell'account" -> "dell", "account"). */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
}

/** Articles, prepositions, pronouns and greetings that say nothing about a problem (folded). */
export const stopWords: ReadonlySet<string> = new Set(
  [
    // pt-BR
    'a o as os um uma uns umas de do da dos das no na nos nas em com sem por para pra pro ao aos e ou que',
    'meu minha meus minhas seu sua me eu voce nos este esta isso isto ja mais muito estou tem ter ser foi',
    'oi ola bom boa dia tarde noite',
    // it
    'il lo la i gli le un uno una di del dello della dei degli delle dell d l al allo alla ai agli alle all',
    'da dal dalla nel nello nella nei nell con su per tra fra ed che mio mia miei mie mi ho c ci sono',
    'ciao salve buongiorno buonasera',
    // en
    'the an my our i we to of in on for with and or is are it this that at from by be am can hello hi hey dear',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Also skipped by the search, which never looks a word up alone when it is in every article or says
 * nothing about the problem: question words, "can", "want", "help", "urgent" (folded). Not in
 * `stopWords`: "Onde está" is a vague subject, but not one made of empty words only. Built in a pure
 * call: the widget fetches this list with the search vocabulary and bundles none of it.
 */
export const searchStopWords: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set([
    ...stopWords,
    ...[
      // pt-BR
      'o que e como qual quais quanto quanta onde quando porque pq se quem pelo pela pelos pelas num numa sobre entre ate desde',
      'ele ela eles elas lhe te mim vc vcs voces nosso nossa esse essa aqui la ta tao so tambem ainda mas depois antes agora',
      'posso pode podem consigo fazer faco faz fiz fazem tenho tinha estao esta era sao sou vou vai deu diz disse dizendo',
      'preciso precisa quero queria gostaria favor obrigado obrigada ajuda ajudar socorro urgente algum alguma alguns nada tudo todo toda todos outro outra',
      // it
      'come cosa chi quale quali quanta dove quando perche se ne si ti vi lo io tu lui lei noi voi loro tuo tua suo sua nostro vostro',
      'questo questa quello quella ancora ma dopo prima ora adesso gia solo anche molto tanto tutto tutti qualche ogni altro altra piu',
      'posso puo possono riesco fare faccio fa ha hai abbiamo hanno e sei era stato devo serve vorrei voglio dice esce aiuto urgente grazie favore ad ed un',
      // en
      'was were been do does did has have had but if so as than then there you your its please help can could',
    ]
      .join(' ')
      .split(' '),
  ]))();

/** Words that turn a phrase around ("não abre", "non arriva"): never searched alone, but kept in phrases. */
export const negations: ReadonlySet<string> = new Set(['nao', 'nem', 'non', 'not']);
