/** Built-in department and priority names in Italian (see key-names.en.ts). */
import type { KeyNames } from './key-names.en.ts';

export const keyNamesIt: KeyNames = {
  departments: { technical: 'Assistenza tecnica', billing: 'Amministrazione', sales: 'Commerciale' },
  priorities: { low: 'Bassa', medium: 'Media', high: 'Alta' },
};
