/**
 * The keys and helpers of the support config that cost nothing to ship: no zod here, so the widget
 * bundle gets the constants without the schemas (module-level schemas cannot be tree-shaken).
 */
import type { Market, ServiceNotice, SupportConfig } from './support-config.ts';

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

/** The market whose hours and prices apply to a language. */
export function marketFor(config: SupportConfig, language: string): Market {
  return language === 'it' ? config.markets.it : config.markets.br;
}

/** Notices that are on at `now`. */
export function activeNotices(config: SupportConfig, now: Date): ServiceNotice[] {
  return config.notices.filter(
    (n) => Date.parse(n.startsAt) <= now.getTime() && (!n.endsAt || now.getTime() < Date.parse(n.endsAt)),
  );
}
