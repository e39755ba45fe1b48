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

/**
 * What a topic costs in a market. included: free; paid: the market's paid-support terms apply;
 * quoted: always priced case by case first; paid-unless-ours: free when the cause is on the
 * provider's side, paid (the market's terms) when it is the customer's (support decides which).
 */
export const supportTiers = ['included', 'paid', 'quoted', 'paid-unless-ours'] as const;
export type SupportTier = (typeof supportTiers)[number];

/** What a paid (advanced) request must carry where the market's policy asks for it. */
export const paidRequirements = ['screenshot', 'steps'] as const;
export type PaidRequirement = (typeof paidRequirements)[number];
