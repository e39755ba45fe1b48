import { css } from 'lit';

/**
 * The widget's look. Everything host pages may change goes through `--support-ticket-*` custom
 * properties and `::part()`s; nothing else from the page leaks in (`all: initial` on the host
 * resets inherited surprises such as `text-transform`), and the page font is inherited by default.
 *
 * Lengths are in `em` of the host's own 16px, never `rem`: `rem` follows the page's `<html>`, which
 * client areas set to 10px (Bootstrap 3, WHMCS) or 24px.
 */
export const styles = css`
  :host {
    all: initial;
    display: block;
    max-width: 42em;
    /* The page's colour scheme, not the visitor's preference alone: on a page that declares
       "color-scheme: light dark" the widget follows the visitor; on a light-only page (no
       declaration, or "light") it stays light, so a page's accent never lands on a dark form. */
    color-scheme: inherit;
    --_accent: var(--support-ticket-accent, light-dark(#0b5cad, #7db8ff));
    --_accent-text: var(--support-ticket-accent-text, light-dark(#ffffff, #0b1a2b));
    --_bg: var(--support-ticket-background, light-dark(#ffffff, #12161b));
    --_surface: var(--support-ticket-surface, light-dark(#f4f6f9, #1c232b));
    --_text: var(--support-ticket-text, light-dark(#1b1f24, #e8edf2));
    --_muted: var(--support-ticket-muted, light-dark(#4f5965, #aab4bf));
    --_border: var(--support-ticket-border, light-dark(#8a96a3, #6b7885));
    --_danger: var(--support-ticket-danger, light-dark(#b3261e, #ff8a80));
    --_warning-bg: var(--support-ticket-warning-background, light-dark(#fff4d6, #3a2f00));
    --_radius: var(--support-ticket-radius, 10px);
    font-family: var(--support-ticket-font, inherit);
    /* Page rules that match the host element itself ("* {...}", ".panel-body * {...}") beat :host
       unless both are !important, and then the shadow root's wins: the text styling every part
       inherits stays the widget's, whatever the page's stylesheet says. */
    font-size: 16px !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-align: start !important;
    text-decoration: none !important;
    text-shadow: none !important;
    white-space: normal !important;
    box-sizing: border-box !important;
    color: var(--_text) !important;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  .panel { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1.25em; }
  h2 { font-size: 1.35em; margin: 0 0 0.556em; line-height: 1.3; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--_accent); outline-offset: 3px; }
  h3 { font-size: 1.05em; margin: 0.952em 0 0.476em; }
  p { margin: 0.4em 0; }
  a { color: var(--_accent); }
  .progress { font-size: 0.9em; color: var(--_muted); margin: 0 0 0.556em; }
  .field { display: grid; gap: 0.3em; margin: 0 0 1em; }
  label, .label { font-weight: 600; }
  .hint { color: var(--_muted); font-size: 0.9em; margin: 0; }
  /* Spaces between inline template parts do not survive template minification: space by margin. */
  .optional { margin-inline-start: 0.35em; font-weight: 400; }
  .error { color: var(--_danger); font-size: 0.95em; margin: 0; font-weight: 600; }
  input[type='text'], input[type='email'], select, textarea {
    font: inherit; font-size: max(16px, 1em); color: var(--_text); background: var(--_bg);
    border: 2px solid var(--_border); border-radius: var(--_radius); padding: 0.55em 0.7em; min-height: 44px; width: 100%;
    text-transform: none; letter-spacing: normal; margin: 0;
  }
  textarea { min-height: 7em; resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  button {
    font: inherit; font-size: max(16px, 1em); font-weight: 600; text-transform: none; letter-spacing: normal;
    min-height: 44px; padding: 0.5em 1.1em; border-radius: var(--_radius); cursor: pointer;
    border: 2px solid var(--_accent); background: var(--_accent); color: var(--_accent-text); margin: 0;
  }
  button.secondary, button.link { background: transparent; color: var(--_accent); }
  button.link { border-color: transparent; padding: 0.25em 0.4em; min-height: 44px; text-decoration: underline; }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75em; justify-content: space-between; align-items: center; margin-top: 1.25em; }
  .choices { display: grid; gap: 0.6em; margin: 0 0 1em; padding: 0; border: 0; }
  .choice { display: flex; gap: 0.75em; align-items: flex-start; border: 2px solid var(--_border); border-radius: var(--_radius); padding: 0.75em 0.9em; cursor: pointer; background: var(--_surface); }
  .choice:has(input:checked) { border-color: var(--_accent); }
  .choice:has(input:focus-visible) { outline: 3px solid var(--_accent); outline-offset: 2px; }
  .choice input { font: inherit; margin-top: 0.3em; width: 1.25em; height: 1.25em; flex: none; accent-color: var(--_accent); }
  .choice span { display: grid; gap: 0.15em; font-weight: 400; }
  .choice strong { font-weight: 600; }
  .check { display: flex; gap: 0.6em; align-items: flex-start; font-weight: 600; }
  .check input { font: inherit; width: 1.25em; height: 1.25em; margin-top: 0.2em; flex: none; accent-color: var(--_accent); }
  .inline-choices { display: flex; flex-wrap: wrap; gap: 0.5em 1.25em; border: 0; margin: 0 0 0.5em; padding: 0; }
  .inline-choices legend { padding: 0; margin-bottom: 0.4em; font-weight: 600; }
  .note { background: var(--_surface); border-left: 4px solid var(--_accent); border-radius: 0 var(--_radius) var(--_radius) 0; padding: 0.6em 0.9em; margin: 0 0 1em; }
  .warning { background: var(--_warning-bg); border-left-color: #b25e00; }
  .notice { border-left-color: var(--_danger); }
  .search > .hint { margin: -0.5em 0 1em; }
  .suggestions { list-style: none; padding: 0; margin: 0 0 1em; display: grid; gap: 0.6em; }
  .suggestions li { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.6em 0.8em; }
  .suggestions .excerpt { color: var(--_muted); font-size: 0.95em; }
  mark { background: var(--support-ticket-mark, #fff1a8); color: #1b1f24; border-radius: 2px; padding: 0 0.1em; }
  .status { min-height: 1.5em; margin: 0.5em 0 0; }
  .files { list-style: none; padding: 0; margin: 0.5em 0 0; display: flex; flex-wrap: wrap; gap: 0.6em; }
  .files li { display: flex; align-items: center; gap: 0.4em; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.3em 0.4em; max-width: 100%; }
  .files img { width: 48px; height: 48px; object-fit: cover; border-radius: 4px; }
  .files .name { overflow-wrap: anywhere; font-size: 0.9em; }
  .drop { border: 2px dashed var(--_border); border-radius: var(--_radius); padding: 0.75em; display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
  .drop.over { border-color: var(--_accent); background: var(--_surface); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  dl { margin: 0; }
  dl > div { display: grid; grid-template-columns: minmax(8em, 1fr) 2fr; gap: 0.5em; padding: 0.4em 0; border-bottom: 1px solid var(--_border); }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
  .section-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5em; }
  .secret { background: #ffd7d5; color: #5c0f0b; }
  @media (max-width: 480px) {
    .panel { padding: 0.9em; }
    dl > div { grid-template-columns: 1fr; gap: 0.1em; }
  }
  @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
