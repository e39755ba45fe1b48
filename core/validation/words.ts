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
