/** The console's page frame: the KB's header bar with the sections a role may open, the language switch, sign-out. */
import { uiLanguages, type UiLanguage } from '../../../../core/contract/locales.ts';
import type { StaffAccount } from '../../store/console-store.ts';
import type { ConsoleMessages } from '../i18n/en.ts';
import { html, type Html } from './html.ts';

export const pageKeys = ['funnel', 'gaps', 'articles', 'tickets', 'privacy', 'audit'] as const;
export type PageKey = (typeof pageKeys)[number];

/** Pages an editor may open; the others are an agent's. */
export const editorPages: ReadonlySet<PageKey> = new Set(['funnel', 'gaps', 'articles']);

export const mayOpen = (staff: Pick<StaffAccount, 'role'>, page: PageKey): boolean => staff.role === 'agent' || editorPages.has(page);

export interface Frame {
  t: ConsoleMessages;
  lang: UiLanguage;
  company: string;
  /** The path and query of this page, for the language links. */
  url: URL;
  staff?: StaffAccount;
  /** The section to mark as current. */
  current?: PageKey;
  /** A fresh form token for the sign-out form. */
  formToken?: string;
}

function languageLinks(frame: Frame): Html {
  return html`<nav class="langs" aria-label="${frame.t.languageSwitch}"><ul>${uiLanguages.map((lang) => {
    const url = new URL(frame.url);
    url.searchParams.set('lang', lang);
    const name = frame.t.languageNames[lang];
    return html`<li><a href="${url.pathname}${url.search}" hreflang="${lang}" lang="${lang}"${lang === frame.lang ? html` aria-current="true"` : ''}>${nativeNames[lang] ?? name}</a></li>`;
  })}</ul></nav>`;
}

/** Each language named in itself, so the link is found by those who read it. */
const nativeNames: Record<UiLanguage, string> = { 'pt-BR': 'Português', it: 'Italiano', en: 'English' };

export function page(frame: Frame, title: string, body: Html, status = 200): Response {
  const { t, staff } = frame;
  const nav = staff
    ? html`<nav aria-label="${t.navLabel}"><ul>${pageKeys.filter((key) => mayOpen(staff, key)).map((key) => html`<li><a href="/console/${key}"${key === frame.current ? html` aria-current="page"` : ''}>${t.pages[key]}</a></li>`)}</ul></nav>
    <div class="account"><span>${t.signedInAs(staff.email, t.roles[staff.role])}</span>
      <form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${frame.formToken ?? ''}"><button class="button secondary" type="submit">${t.signOut}</button></form></div>`
    : '';
  const document = html`<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${t.consoleName}</title>
<link rel="icon" href="/console/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<a class="skip-link" href="#content">${t.skipToContent}</a>
<header class="site"><div class="bar">
  <a class="brand" href="/console/">${frame.company} <span>${t.consoleName}</span></a>
  ${nav}
  ${languageLinks(frame)}
</div></header>
<main id="content" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
  return new Response(document.value, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
