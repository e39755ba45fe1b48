/** Fetches the operator's support config (`/support-config.json`) from the knowledge base, and keeps the last one that loaded. */
import type { SupportConfig } from '../../../core/contract/support-config.ts';

/**
 * The KB validated this file with the full schema at build time; shipping that schema would double
 * the bundle, so only check that it is the right kind of document. Rejects when it is not.
 */
export async function fetchSupportConfig(kbOrigin: string, send: typeof fetch = (input, init) => fetch(input, init)): Promise<SupportConfig> {
  const response = await send(`${kbOrigin}/support-config.json`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const config = (await response.json()) as unknown;
  if (!isSupportConfig(config)) throw new Error('not a support config');
  return config;
}

function isSupportConfig(config: unknown): config is SupportConfig {
  const c = config as Partial<SupportConfig> | null;
  return Array.isArray(c?.departments) && Boolean(c.markets?.br && c.markets.it);
}

/** The last config that loaded from a KB, for when that KB cannot be reached. */
export interface ConfigCache {
  read(kbOrigin: string): SupportConfig | undefined;
  write(kbOrigin: string, config: SupportConfig): void;
}

/**
 * In localStorage, per KB origin. Storage can be full, blocked or throw on access (sandboxed
 * frames): then there is simply no cache.
 */
export const localConfigCache: ConfigCache = {
  read(kbOrigin) {
    try {
      const config = JSON.parse(localStorage.getItem(`support-ticket:config:${kbOrigin}`) ?? 'null') as unknown;
      return isSupportConfig(config) ? config : undefined;
    } catch {
      return undefined;
    }
  },
  write(kbOrigin, config) {
    try {
      localStorage.setItem(`support-ticket:config:${kbOrigin}`, JSON.stringify(config));
    } catch {
      // No cache this time: the widget works without it.
    }
  },
};
