/**
 * Who is calling, as far as the network can tell. Without a proxy: the socket's address. Behind
 * proxies named by TRUST_PROXY: the address the last trusted proxy saw; proxy-addr walks
 * X-Forwarded-For from the right (the end proxies append to) and stops at the first address it does
 * not trust. The leftmost entry is whatever the client wrote, so it never decides anything.
 */
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * TRUST_PROXY: `false` (clients connect directly), `true` (exactly one proxy in front), a number of
 * proxies in front, or the proxies' addresses and CIDR ranges (`loopback`, `linklocal` and
 * `uniquelocal` name the private ranges).
 */
export type TrustProxy = boolean | number | readonly string[];

/** Says whether the address at `hop` (0: the socket's peer) is a proxy we trust to tell the truth. */
export type Trust = (address: string, hop: number) => boolean;

/** Parses a TRUST_PROXY value; throws an Error saying what was expected. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (/^(true|yes|1)$/i.test(text)) return true;
  if (/^(false|no|0|)$/i.test(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`true, false, a number of proxies, or their addresses/CIDRs separated by commas (${(error as Error).message})`, { cause: error });
  }
  return list;
}

/** The trust setting from `config.trustProxy` (parsed there); raw TRUST_PROXY text is taken too. */
export function trustSetting(value: unknown): TrustProxy {
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value) && value >= 0)) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return parseTrustProxy(value);
  return false;
}

export function trustFunction(setting: TrustProxy): Trust {
  if (setting === false || setting === 0) return () => false;
  // `true` is one proxy, not "trust every hop": trusting every hop is what handed the leftmost,
  // client-written entry to the rate limiter.
  if (setting === true) return (_address, hop) => hop < 1;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  const trusted = proxyaddr.compile([...setting]);
  return (address) => trusted(address, 0);
}

/** The caller's address: the socket's, or the one the trusted proxies vouch for; undefined when the socket is gone. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: Trust): string | undefined {
  if (!socketAddress) return undefined;
  const request = { socket: { remoteAddress: socketAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } };
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust);
}

/** Whether the request reached us over TLS: directly, or at a trusted proxy that says so in X-Forwarded-Proto. */
export function cameOverHttps(url: string, socketAddress: string | undefined, forwardedProto: string | undefined, trust: Trust): boolean {
  if (url.startsWith('https:')) return true;
  if (!socketAddress || !trust(socketAddress, 0)) return false;
  // A chain of proxies lists one scheme per hop; the first is the one the client used.
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * The key limits count by: an IPv4 address, or an IPv6 address's /64 network. One IPv6 customer
 * usually holds a whole /64 (2^64 addresses), so counting single addresses limits nobody.
 */
export function clientKey(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIP(bare) !== 6) return bare;
  return `${expandIpv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros ("2001:db8::1" → 2001 db8 0 0 0 0 0 1). */
function expandIpv6(address: string): string[] {
  const withV4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (withV4) {
    const [a, b, c, d] = withV4.slice(1).map(Number) as [number, number, number, number];
    text = `${address.slice(0, withV4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16).toString(16));
}
