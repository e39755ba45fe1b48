import { describe, expect, it } from 'vitest';
import { forgetTyped, keepTyped, takeTyped } from './typed-before-load.ts';

/** sessionStorage as the browser has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('what was typed before the form loaded, across a reload', () => {
  it('comes back once, under its own key only', () => {
    const storage = memoryStorage();
    keepTyped('a', { subject: 'Site fora do ar', message: 'Erro 500 na home' }, storage);
    expect(takeTyped('b', storage)).toBeUndefined();
    expect(takeTyped('a', storage)).toEqual({ subject: 'Site fora do ar', message: 'Erro 500 na home' });
    expect(takeTyped('a', storage)).toBeUndefined();
  });

  it('never keeps a password, nor the field only bots fill in', () => {
    const storage = memoryStorage();
    keepTyped('a', { subject: 'Webmail recusa acesso', message: 'Entro com a senha: Abc123xyz! e dá erro', website: 'spam.example' }, storage);
    const typed = takeTyped('a', storage);
    expect(typed?.message).not.toContain('Abc123xyz!');
    expect(typed?.message).toContain('Entro com a');
    expect(typed).not.toHaveProperty('website');
  });

  it('is gone once the form has it, so an older copy never comes back over the draft', () => {
    const storage = memoryStorage();
    keepTyped('a', { subject: 'Site fora do ar' }, storage);
    forgetTyped('a', storage);
    expect(takeTyped('a', storage)).toBeUndefined();
  });

  it('ignores what is not a text it wrote', () => {
    const storage = memoryStorage();
    storage.setItem('support-ticket:typed|a', '{"subject":42,"department":"billing"}');
    expect(takeTyped('a', storage)).toBeUndefined();
    storage.setItem('support-ticket:typed|a', 'not json');
    expect(takeTyped('a', storage)).toBeUndefined();
  });
});
