import { describe, expect, it } from 'vitest';
import { accentTextFor, contrastOnWhite, embedSnippet, hostPolicyDirectives, widgetStyle } from './embed-snippet.ts';

const integrity = 'sha384-ucmjnAhutkFRMMqhTEecIMBBUjXUjCOtF0pUgQupxBfOdAwURCb1w3y64t9uSREu';

describe('the embed snippet operators copy', () => {
  it('pins the bundle from the KB by its hash, cross-origin, and says nothing the widget does by default', () => {
    expect(embedSnippet({ kbOrigin: 'https://ajuda.example.com.br', integrity })).toBe(
      `<script type="module" src="https://ajuda.example.com.br/widget/support-ticket.js" integrity="${integrity}" crossorigin="anonymous"></script>\n` +
        '<support-ticket></support-ticket>',
    );
  });

  it('carries the chosen language, department, backend and look', () => {
    const snippet = embedSnippet({
      kbOrigin: 'https://ajuda.example.com.br/',
      integrity,
      lang: 'it',
      department: 'billing',
      endpoint: 'https://api.example.com/api/tickets',
      accent: '#B5400F',
      radius: 0,
    });
    expect(snippet.split('\n')[1]).toBe(
      '<support-ticket lang="it" department="billing" endpoint="https://api.example.com/api/tickets" style="--support-ticket-accent: #b5400f; --support-ticket-radius: 0px"></support-ticket>',
    );
  });

  it('leaves the hash out when there is none, rather than pinning an empty one', () => {
    expect(embedSnippet({ kbOrigin: 'http://localhost:4321', integrity: '' })).toMatch(/^<script type="module" src="http:\/\/localhost:4321\/widget\/support-ticket.js"><\/script>/);
  });

  it('escapes what could end an attribute', () => {
    expect(embedSnippet({ kbOrigin: 'https://kb.example', integrity, department: 'x" onload="alert(1)' })).toContain('department="x&quot; onload=&quot;alert(1)"');
  });
});

describe('the look of the preview', () => {
  it('keeps button text readable on light and dark accents', () => {
    expect(accentTextFor('#0b5cad')).toBe('#ffffff');
    expect(accentTextFor('#ffd400')).toBe('#1b1f24');
  });

  it('knows when an accent is too light for links on white (WCAG AA, 4.5:1)', () => {
    expect(contrastOnWhite('#0b5cad')).toBeGreaterThan(4.5);
    expect(contrastOnWhite('#ffd400')).toBeLessThan(4.5);
  });

  it('adds dark button text for a light accent, and ignores what is not a colour', () => {
    expect(widgetStyle({ accent: '#ffd400' })).toBe('--support-ticket-accent: #ffd400; --support-ticket-accent-text: #1b1f24');
    expect(widgetStyle({ accent: 'red', radius: 10 })).toBe('');
  });
});

describe('the CSP a host page needs', () => {
  it('lets in the KB’s scripts and WebAssembly, the KB and the API for requests, and blob: thumbnails', () => {
    expect(hostPolicyDirectives('https://ajuda.example.com.br/', 'https://api.example.com/api/tickets')).toEqual([
      "script-src https://ajuda.example.com.br 'wasm-unsafe-eval'",
      'connect-src https://ajuda.example.com.br https://api.example.com',
      'img-src blob:',
    ]);
    expect(hostPolicyDirectives('https://ajuda.example.com.br')[1]).toBe('connect-src https://ajuda.example.com.br');
  });
});
