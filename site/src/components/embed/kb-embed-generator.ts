/**
 * `<kb-embed-generator>`: enhances the embed page EmbedPage.astro renders. As the operator chooses a
 * language, department, accent and radius, it rewrites the snippet and updates the live widget
 * below it; Copy uses the Clipboard API and falls back to selecting the snippet.
 *
 * @attr data-kb-origin - where the KB is published (`SITE_URL`)
 * @attr data-integrity - the bundle's `sha384-…` hash
 * @attr data-endpoint - the ticket API, when it is not on the KB's origin
 * @attr data-copied - announced after copying
 * @attr data-selected - announced when the browser refused the clipboard and the snippet is selected instead
 */
import { contrastOnWhite, embedSnippet, widgetStyle, type EmbedOptions } from './embed-snippet.ts';

class KbEmbedGenerator extends HTMLElement {
  connectedCallback(): void {
    const $ = <T extends Element = HTMLElement>(selector: string) => this.querySelector<T>(selector)!;
    const form = $<HTMLFormElement>('form');
    const code = $('[data-snippet]');
    const copy = $<HTMLButtonElement>('[data-copy]');
    const status = $('[role=status]');
    const preview = $('[data-preview]');
    const radius = $<HTMLInputElement>('[name=radius]');
    const radiusShown = $('[data-radius]');
    const lowContrast = $('[data-low-contrast]');
    const accent = $<HTMLInputElement>('[name=accent]');
    const { kbOrigin = location.origin, integrity = '', endpoint = '', copied = '', selected = '' } = this.dataset;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;

    const choices = (): Omit<EmbedOptions, 'kbOrigin' | 'integrity'> => ({
      lang: field('lang'),
      department: field('department'),
      accent: field('accent'),
      radius: Number(field('radius')),
    });
    // Language and department are read when the widget starts: a change gets a fresh widget.
    let shown = { lang: '', department: '' };

    const update = (): void => {
      const chosen = choices();
      code.textContent = embedSnippet({ kbOrigin, integrity, ...(endpoint ? { endpoint } : {}), ...chosen });
      radiusShown.textContent = `${chosen.radius} px`;
      radius.setAttribute('aria-valuetext', radiusShown.textContent);
      lowContrast.hidden = !chosen.accent || contrastOnWhite(chosen.accent) >= 4.5;
      // A hidden description would still be read: describe the colour only while the warning shows.
      if (lowContrast.hidden) accent.removeAttribute('aria-describedby');
      else accent.setAttribute('aria-describedby', lowContrast.id);
      let widget = preview.querySelector<HTMLElement>('support-ticket');
      if (!widget || chosen.lang !== shown.lang || chosen.department !== shown.department) {
        const fresh = document.createElement('support-ticket');
        // The style is set below through the CSSOM: a style attribute written by script breaks the page's CSP.
        for (const attribute of widget?.getAttributeNames() ?? []) if (attribute !== 'style') fresh.setAttribute(attribute, widget!.getAttribute(attribute)!);
        if (chosen.lang) fresh.setAttribute('lang', chosen.lang);
        else fresh.removeAttribute('lang');
        if (chosen.department) fresh.setAttribute('department', chosen.department);
        else fresh.removeAttribute('department');
        if (widget) widget.replaceWith(fresh);
        else preview.append(fresh);
        widget = fresh;
        shown = { lang: chosen.lang ?? '', department: chosen.department ?? '' };
      }
      const style = widgetStyle(chosen);
      widget.style.cssText = style;
    };

    form.addEventListener('input', update);
    form.addEventListener('submit', (event) => event.preventDefault());
    copy.addEventListener('click', () => {
      const text = code.textContent ?? '';
      status.textContent = ''; // the same message again is announced again
      // The Clipboard API needs a secure context and permission; without them, select the text for Ctrl+C.
      const write = navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no Clipboard API'));
      write.then(
        () => (status.textContent = copied),
        () => {
          getSelection()?.selectAllChildren(code);
          status.textContent = selected;
        },
      );
    });

    form.hidden = false;
    copy.hidden = false;
    shown = { lang: preview.querySelector('support-ticket')?.getAttribute('lang') ?? '', department: preview.querySelector('support-ticket')?.getAttribute('department') ?? '' };
    update();
  }
}

if (!customElements.get('kb-embed-generator')) customElements.define('kb-embed-generator', KbEmbedGenerator);
