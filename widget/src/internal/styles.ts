import { css } from 'lit';

/**
 * The widget's look. Everything host pages may change goes through `--support-ticket-*` custom
 * properties and `::part()`s; nothing else from the page leaks in (`all: initial` on the host
 * resets inherited surprises such as `text-transform`), and the page font is inherited by default.
 */
export const styles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    max-width: 42rem;
    color-scheme: light dark;
    --_accent: var(--support-ticket-accent, #0b5cad);
    --_accent-text: var(--support-ticket-accent-text, #ffffff);
    --_bg: var(--support-ticket-background, #ffffff);
    --_surface: var(--support-ticket-surface, #f4f6f9);
    --_text: var(--support-ticket-text, #1b1f24);
    --_muted: var(--support-ticket-muted, #4f5965);
    --_border: var(--support-ticket-border, #8a96a3);
    --_danger: var(--support-ticket-danger, #b3261e);
    --_warning-bg: var(--support-ticket-warning-background, #fff4d6);
    --_radius: var(--support-ticket-radius, 10px);
    font-family: var(--support-ticket-font, inherit);
    font-size: 16px;
    line-height: 1.5;
    color: var(--_text);
    text-align: start;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--support-ticket-accent, #7db8ff);
      --_accent-text: var(--support-ticket-accent-text, #0b1a2b);
      --_bg: var(--support-ticket-background, #12161b);
      --_surface: var(--support-ticket-surface, #1c232b);
      --_text: var(--support-ticket-text, #e8edf2);
      --_muted: var(--support-ticket-muted, #aab4bf);
      --_border: var(--support-ticket-border, #6b7885);
      --_danger: var(--support-ticket-danger, #ff8a80);
      --_warning-bg: var(--support-ticket-warning-background, #3a2f00);
    }
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  .panel { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1.25rem; }
  h2 { font-size: 1.35rem; margin: 0 0 0.75rem; line-height: 1.3; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--_accent); outline-offset: 3px; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
  p { margin: 0.4rem 0; }
  a { color: var(--_accent); }
  .progress { font-size: 0.9rem; color: var(--_muted); margin: 0 0 0.5rem; }
  .field { display: grid; gap: 0.3rem; margin: 0 0 1rem; }
  label, .label { font-weight: 600; }
  .hint { color: var(--_muted); font-size: 0.9rem; margin: 0; }
  /* Spaces between inline template parts do not survive template minification: space by margin. */
  .optional { margin-inline-start: 0.35em; font-weight: 400; }
  .error { color: var(--_danger); font-size: 0.95rem; margin: 0; font-weight: 600; }
  input[type='text'], input[type='email'], select, textarea {
    font: inherit; font-size: max(16px, 1rem); color: var(--_text); background: var(--_bg);
    border: 2px solid var(--_border); border-radius: var(--_radius); padding: 0.55rem 0.7rem; min-height: 44px; width: 100%;
    text-transform: none; letter-spacing: normal; margin: 0;
  }
  textarea { min-height: 7rem; resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger); }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  button {
    font: inherit; font-size: max(16px, 1rem); font-weight: 600; text-transform: none; letter-spacing: normal;
    min-height: 44px; padding: 0.5rem 1.1rem; border-radius: var(--_radius); cursor: pointer;
    border: 2px solid var(--_accent); background: var(--_accent); color: var(--_accent-text); margin: 0;
  }
  button.secondary, button.link { background: transparent; color: var(--_accent); }
  button.link { border-color: transparent; padding: 0.25rem 0.4rem; min-height: 44px; text-decoration: underline; }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: space-between; align-items: center; margin-top: 1.25rem; }
  .choices { display: grid; gap: 0.6rem; margin: 0 0 1rem; padding: 0; border: 0; }
  .choice { display: flex; gap: 0.75rem; align-items: flex-start; border: 2px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem 0.9rem; cursor: pointer; background: var(--_surface); }
  .choice:has(input:checked) { border-color: var(--_accent); }
  .choice:has(input:focus-visible) { outline: 3px solid var(--_accent); outline-offset: 2px; }
  .choice input { margin-top: 0.3rem; width: 1.25rem; height: 1.25rem; flex: none; accent-color: var(--_accent); }
  .choice span { display: grid; gap: 0.15rem; font-weight: 400; }
  .choice strong { font-weight: 600; }
  .check { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 600; }
  .check input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; accent-color: var(--_accent); }
  .note { background: var(--_surface); border-left: 4px solid var(--_accent); border-radius: 0 var(--_radius) var(--_radius) 0; padding: 0.6rem 0.9rem; margin: 0 0 1rem; }
  .warning { background: var(--_warning-bg); border-left-color: #b25e00; }
  .notice { border-left-color: var(--_danger); }
  .suggestions { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.6rem; }
  .suggestions li { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.6rem 0.8rem; }
  .suggestions .excerpt { color: var(--_muted); font-size: 0.95rem; }
  mark { background: var(--support-ticket-mark, #fff1a8); color: #1b1f24; border-radius: 2px; padding: 0 0.1em; }
  .status { min-height: 1.5em; margin: 0.5rem 0 0; }
  .files { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.6rem; }
  .files li { display: flex; align-items: center; gap: 0.4rem; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.3rem 0.4rem; max-width: 100%; }
  .files img { width: 48px; height: 48px; object-fit: cover; border-radius: 4px; }
  .files .name { overflow-wrap: anywhere; font-size: 0.9rem; }
  .drop { border: 2px dashed var(--_border); border-radius: var(--_radius); padding: 0.75rem; display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; }
  .drop.over { border-color: var(--_accent); background: var(--_surface); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  dl { margin: 0; }
  dl > div { display: grid; grid-template-columns: minmax(8rem, 1fr) 2fr; gap: 0.5rem; padding: 0.4rem 0; border-bottom: 1px solid var(--_border); }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
  .section-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
  .secret { background: #ffd7d5; color: #5c0f0b; }
  @media (max-width: 480px) {
    .panel { padding: 0.9rem; }
    dl > div { grid-template-columns: 1fr; gap: 0.1rem; }
  }
  @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
