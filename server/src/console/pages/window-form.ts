/** The "how far back" choice at the top of the insight pages: a plain GET form, no script. */
import { html, type Html } from '../render/html.ts';
import type { PageContext } from './context.ts';

export function windowForm(ctx: PageContext, action: string, name: string, options: readonly number[], current: number, label: string, optionText: (n: number) => string): Html {
  return html`<form class="window" method="get" action="${action}">
  <label>${label}<select name="${name}">${options.map((n) => html`<option value="${n}"${n === current ? html` selected` : ''}>${optionText(n)}</option>`)}</select></label>
  <button class="button secondary" type="submit">${ctx.t.window.show}</button>
</form>`;
}
