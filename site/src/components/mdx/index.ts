/** Components editors may use in MDX without importing them. */
import Callout from './Callout.astro';
import TicketLink from './TicketLink.astro';

export const mdxComponents = { Callout, TicketLink };
