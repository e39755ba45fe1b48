import { describe, expect, it } from 'vitest';
import { cameOverHttps, clientAddress, clientKey, parseTrustProxy, trustFunction } from './client-address.ts';

describe('the client address behind proxies', () => {
  const client = (setting: Parameters<typeof trustFunction>[0], socket: string, forwardedFor?: string) => clientAddress(socket, forwardedFor, trustFunction(setting));

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(client(false, '203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
  });

  it('with one trusted proxy (TRUST_PROXY=true) is the address that proxy appended, never the one the client wrote', () => {
    expect(client(true, '10.0.0.1', 'spoofed, 203.0.113.7')).toBe('203.0.113.7');
    expect(client(true, '10.0.0.1')).toBe('10.0.0.1');
  });

  it('with a hop count skips exactly that many proxies', () => {
    expect(client(2, '10.0.0.1', 'spoofed, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });

  it('with a list of proxies stops at the first address that is not one of them', () => {
    const proxies = parseTrustProxy('10.0.0.0/8, loopback');
    expect(client(proxies, '127.0.0.1', 'spoofed, 203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
    // A client connecting directly is not a proxy: its header is ignored.
    expect(client(proxies, '198.51.100.9', 'spoofed')).toBe('198.51.100.9');
  });

  it('reads TRUST_PROXY as true, false, a hop count or a list, and says what it expected otherwise', () => {
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8,::1')).toEqual(['10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/addresses\/CIDRs/);
  });

  it('trusts X-Forwarded-Proto only from a trusted proxy', () => {
    expect(cameOverHttps('http://kb/', '10.0.0.1', 'https', trustFunction(true))).toBe(true);
    expect(cameOverHttps('http://kb/', '10.0.0.1', 'https', trustFunction(false))).toBe(false);
    expect(cameOverHttps('https://kb/', '203.0.113.7', undefined, trustFunction(false))).toBe(true);
  });
});

describe('the key limits count by', () => {
  it('is the IPv4 address, also when written as IPv4-mapped IPv6', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 network of an IPv6 address, however it is written', () => {
    expect(clientKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
});
