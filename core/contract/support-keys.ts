/**
 * The keys and defaults of the support config that cost nothing to ship: no zod here, so the widget
 * bundle gets the constants without the schemas (module-level schemas cannot be tree-shaken).
 */
export const departmentKeys = ['technical', 'billing', 'sales'] as const;
export type DepartmentKey = (typeof departmentKeys)[number];

export const priorityKeys = ['low', 'medium', 'high'] as const;
export type PriorityKey = (typeof priorityKeys)[number];

export const marketKeys = ['br', 'it'] as const;
export type MarketKey = (typeof marketKeys)[number];

/** The attachment policy when the operator sets none: 5 files, 10 MB each, 20 MB in total. */
export const defaultAttachmentPolicy = {
  allowedTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf', 'text/plain'],
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 20 * 1024 * 1024,
};

/** included: free; paid: the market's paid-support terms apply; quoted: always priced case by case first. */
export const supportTiers = ['included', 'paid', 'quoted'] as const;
export type SupportTier = (typeof supportTiers)[number];
