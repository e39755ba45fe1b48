/** The operator's support facts for the widget, validated at build time (see content/support.yaml). */
import { loadSupportConfig } from '../../../core/node/load-support-config.ts';

export function GET(): Response {
  return new Response(JSON.stringify(loadSupportConfig()), { headers: { 'Content-Type': 'application/json' } });
}
