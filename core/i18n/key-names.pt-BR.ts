/** Built-in department and priority names in Brazilian Portuguese (see key-names.en.ts). */
import type { KeyNames } from './key-names.en.ts';

export const keyNamesPtBR: KeyNames = {
  departments: { technical: 'Suporte Técnico', billing: 'Financeiro', sales: 'Vendas' },
  priorities: { low: 'Baixa', medium: 'Média', high: 'Alta' },
};
