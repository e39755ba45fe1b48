/**
 * The embed snippet operators copy from the "Embed the widget" page: the script tag pinned by its
 * Subresource Integrity hash, and the element with only the options that differ from the defaults.
 * Shared by the page (rendered at build time) and its generator island (as the operator chooses).
 */

/** The widget's own accent and radius (widget/src/internal/styles.ts): not repeated in a snippet. */
export const widgetDefaults = { accent: '#0b5cad', radius: 10 } as const;

export interface EmbedOptions {
  /** Where the KB is published: the bundle, the support config and the search index come from there. */
  kbOrigin: string;
  /** `sha384-…` of the bundle; '' leaves the hash out. */
  integrity: string;
  /** Only when tickets go to another backend than the KB's origin. */
  endpoint?: string;
  /** '' follows the host page's language. */
  lang?: string;
  /** '' lets the customer choose. */
  department?: string;
  /** `#rrggbb`. */
  accent?: string;
  /** Corner radius in px. */
  radius?: number;
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of an accent against the white form background (links and outlined buttons use it). */
export function contrastOnWhite(accent: string): number {
  return 1.05 / (luminance(accent) + 0.05);
}

/** White or near-black, whichever is more readable on the accent (button text). */
export function accentTextFor(accent: string): string {
  const l = luminance(accent);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1b1f24' : '#ffffff';
}

/** The custom properties a chosen look needs, as declarations; '' for the widget's defaults. */
export function widgetStyle({ accent, radius }: Pick<EmbedOptions, 'accent' | 'radius'>): string {
  const declarations: string[] = [];
  const color = accent?.toLowerCase();
  if (color && /^#[0-9a-f]{6}$/.test(color) && color !== widgetDefaults.accent) {
    declarations.push(`--support-ticket-accent: ${color}`);
    const text = accentTextFor(color);
    if (text !== '#ffffff') declarations.push(`--support-ticket-accent-text: ${text}`);
  }
  if (radius != null && Number.isFinite(radius) && radius !== widgetDefaults.radius) declarations.push(`--support-ticket-radius: ${Math.max(0, Math.round(radius))}px`);
  return declarations.join('; ');
}

/** The two lines to paste into a page. */
export function embedSnippet(options: EmbedOptions): string {
  const src = new URL('/widget/support-ticket.js', options.kbOrigin).href;
  const pinned = options.integrity ? ` integrity="${attribute(options.integrity)}" crossorigin="anonymous"` : '';
  const attributes = [
    options.lang ? ` lang="${attribute(options.lang)}"` : '',
    options.department ? ` department="${attribute(options.department)}"` : '',
    options.endpoint ? ` endpoint="${attribute(options.endpoint)}"` : '',
    widgetStyle(options) ? ` style="${attribute(widgetStyle(options))}"` : '',
  ].join('');
  return `<script type="module" src="${attribute(src)}"${pinned}></script>\n<support-ticket${attributes}></support-ticket>`;
}

/** What a host page's Content-Security-Policy must allow for the widget and the KB search. */
export function hostPolicyDirectives(kbOrigin: string, endpoint?: string): string[] {
  const kb = new URL(kbOrigin).origin;
  const api = endpoint ? new URL(endpoint, kb).origin : kb;
  return [
    `script-src ${kb} 'wasm-unsafe-eval'`,
    `connect-src ${kb}${api === kb ? '' : ` ${api}`}`,
    'img-src blob:',
  ];
}
