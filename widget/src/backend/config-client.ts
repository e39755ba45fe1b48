/** Fetches the operator's support config (`/support-config.json`) from the knowledge base. */
import type { SupportConfig } from '../../../core/contract/support-config.ts';

/**
 * The KB validated this file with the full schema at build time; shipping that schema would double
 * the bundle, so only check that it is the right kind of document. Rejects when it is not.
 */
export async function fetchSupportConfig(kbOrigin: string, send: typeof fetch = (input, init) => fetch(input, init)): Promise<SupportConfig> {
  const response = await send(`${kbOrigin}/support-config.json`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const config = (await response.json()) as Partial<SupportConfig> | null;
  if (!Array.isArray(config?.departments) || !config.markets?.br || !config.markets.it) throw new Error('not a support config');
  return config as SupportConfig;
}
