/**
 * `<kb-vote>`: enhances the "Was this helpful?" markup Vote.astro renders (light DOM, no framework).
 * It holds no text of its own: messages come from `data-*` attributes in the page's language.
 *
 * @attr article-id - the article's translation key
 * @attr lang - `pt-BR` or `it`
 * @attr endpoint - the votes API, `/api/votes` by default
 * @attr data-count-template - counts line, `{helpful}` and `{total}` filled in
 * @attr data-thanks-yes - announced after "yes"
 * @attr data-thanks-no - announced after "no", inviting a comment
 * @attr data-thanks-comment - announced after the comment is sent
 */
import { createVoteClient, recount, type Counts, type Vote } from './vote-client.ts';
import type { ContentLanguage } from '../../../../core/contract/locales.ts';

const client = createVoteClient();
let timer: ReturnType<typeof setTimeout> | undefined;
// One retry timer per page, however many flushes asked for one.
const retryIn = (ms?: number): void => {
  clearTimeout(timer);
  if (ms != null) timer = setTimeout(() => void client.flush().then(retryIn), ms);
};

class KbVote extends HTMLElement {
  connectedCallback(): void {
    const id = this.getAttribute('article-id')!;
    const lang = this.lang as ContentLanguage;
    const endpoint = this.getAttribute('endpoint') || '/api/votes';
    const text = this.dataset;
    const $ = <T extends HTMLElement = HTMLElement>(selector: string) => this.querySelector<T>(selector)!;
    const [yes, no, form, textarea, hint, status, countsLine] = [
      $('[data-vote=yes]'), $('[data-vote=no]'), $<HTMLFormElement>('form'), $<HTMLTextAreaElement>('textarea'),
      $('[data-hint]'), $('[role=status]'), $('[data-counts]'),
    ];
    let vote = client.remembered(id, lang);
    let server: Counts | null = null;
    let counted: Vote | null = null;

    const render = (): void => {
      yes.setAttribute('aria-pressed', String(vote?.helpful === true));
      no.setAttribute('aria-pressed', String(vote?.helpful === false));
      hint.hidden = !vote;
      const counts = server && recount(server, counted, vote);
      countsLine.hidden = !counts?.total;
      if (counts) countsLine.textContent = text.countTemplate!.replace('{helpful}', `${counts.helpful}`).replace('{total}', `${counts.total}`);
    };
    const cast = (helpful: boolean, message = '', comment?: string): void => {
      void client.vote(endpoint, id, lang, helpful, comment).then(retryIn);
      vote = { helpful, at: Date.now() };
      form.hidden = helpful || !!comment;
      status.textContent = message;
      render();
    };

    // Handler properties rather than listeners: reconnecting the element must not double them.
    this.onclick = ({ target }) => {
      const choice = (target as Element).closest('[data-vote]')?.getAttribute('data-vote');
      // Clicking the answer already chosen changes nothing; the other one changes the vote.
      if (choice && vote?.helpful !== (choice == 'yes')) cast(choice == 'yes', choice == 'yes' ? text.thanksYes : text.thanksNo);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      if (!textarea.value.trim()) return textarea.focus();
      cast(false, text.thanksComment, textarea.value);
      no.focus(); // the form disappeared from under the focus
    };

    // Counts cost a request: only ask once the vote is about to be seen.
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry?.isIntersecting) return;
        observer.disconnect();
        void client.fetchCounts(endpoint, id, lang).then((counts) => {
          [server, counted] = [counts, vote];
          render();
        });
      },
      { rootMargin: '200px' },
    );
    observer.observe(this);
    render();
  }
}

if (!customElements.get('kb-vote')) {
  customElements.define('kb-vote', KbVote);
  // Votes cast while the API was down go out on the next article page, and at once when back online.
  addEventListener('online', () => void client.flush(true).then(retryIn));
  void client.flush().then(retryIn);
}
