/**
 * What departments and priorities are called when the support config does not name them (it may not
 * have loaded): the widget and the confirmation e-mail say the same. English is the shape.
 */
import type { DepartmentKey, PriorityKey } from '../contract/support-keys.ts';

export interface KeyNames {
  departments: Record<DepartmentKey, string>;
  priorities: Record<PriorityKey, string>;
}

export const keyNamesEn: KeyNames = {
  departments: { technical: 'Technical support', billing: 'Billing', sales: 'Sales' },
  priorities: { low: 'Low', medium: 'Medium', high: 'High' },
};
