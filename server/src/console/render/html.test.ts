import { describe, expect, it } from 'vitest';
import { html } from './html.ts';

describe('console HTML', () => {
  it('escapes every value, inside text and attributes, and keeps fragments built the same way', () => {
    const name = '<img src=x onerror="alert(1)"> & \'x\'';
    const item = (text: string) => html`<li title="${text}">${text}</li>`;
    expect(html`<ul>${[name, 'b'].map(item)}</ul>${null}${false}${0}`.value).toBe(
      '<ul><li title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;</li><li title="b">b</li></ul>0',
    );
  });
});
