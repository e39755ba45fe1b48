/**
 * Limits at the connection level, below Hono, against slow and greedy clients: headers that never
 * finish (slowloris), a body dripped a byte at a time or stalled, and one client opening thousands
 * of connections (22,000 dripping ones made the server unreachable and doubled its memory).
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey, type Trust } from './client-address.ts';

export interface ConnectionLimits {
  /** The request line and headers must have arrived this long after the connection opened. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed (a stalled body, an idle socket). */
  idleTimeoutMs: number;
  /** Open connections from one address (an IPv6 /64); a trusted proxy is not counted. */
  maxConnectionsPerClient: number;
  /** Open connections in all: a bound on the memory that slow clients can hold. */
  maxConnections: number;
}

/**
 * Fits a 20 MB upload at 0.6 Mbit/s (300 s) and an office of browsers behind one address (6
 * connections each): generous for people, short for a bot holding sockets open.
 */
export const defaultConnectionLimits: ConnectionLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 300_000,
  idleTimeoutMs: 30_000,
  maxConnectionsPerClient: 64,
  maxConnections: 10_000,
};

/** The settings, their environment variables, and their units. */
const settings = [
  ['headersTimeoutMs', 'HEADERS_TIMEOUT_SECONDS', 1000],
  ['requestTimeoutMs', 'REQUEST_TIMEOUT_SECONDS', 1000],
  ['idleTimeoutMs', 'BODY_IDLE_TIMEOUT_SECONDS', 1000],
  ['maxConnectionsPerClient', 'MAX_CONNECTIONS_PER_CLIENT', 1],
  ['maxConnections', 'MAX_CONNECTIONS', 1],
] as const;

/** The limits from the environment (seconds may have decimals), defaults for the rest; config.ts calls it. Throws an Error naming each wrong variable. */
export function connectionLimitsFrom(env: Record<string, string | undefined>): ConnectionLimits {
  const limits = { ...defaultConnectionLimits };
  const wrong: string[] = [];
  for (const [key, name, unit] of settings) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw) * unit;
    if (!/^\d+(\.\d+)?$/.test(raw) || !(value >= 1) || (unit === 1 && !Number.isInteger(value))) wrong.push(`  - ${name}: ${unit === 1 ? 'a whole number' : 'a number of seconds'} above 0 (found ${JSON.stringify(raw)})`);
    else limits[key] = Math.round(value);
  }
  if (wrong.length) throw new Error(`Invalid server settings:\n${wrong.join('\n')}`);
  return limits;
}

/** The http.createServer options that carry the timeouts (node-server's `serverOptions`). */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    // Node checks both timeouts on this beat (default 30 s, which doubled a 15 s header timeout).
    connectionsCheckingInterval: Math.max(100, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs, 4000) / 4),
  };
}

/** The answer to a connection over the per-client cap, written before any request is read. */
const tooMany = (() => {
  const body = JSON.stringify({ type: 'https://support-kit.dev/problems/too-many-connections', title: 'Too many connections from this address.', status: 429 });
  return `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n${body}`;
})();

/**
 * Applies the idle timeout and both connection caps to `server` (before it listens). `onRefused`
 * hears about each connection refused over the per-client cap.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, trust: Trust, onRefused?: (key: string) => void): void {
  // With no 'timeout' listener, Node destroys a socket idle for this long.
  server.timeout = limits.idleTimeoutMs;
  // Past this, Node closes new connections at once.
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  // Before http's own listener: a refused socket never reaches the request parser.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    // Behind a proxy every connection comes from it: the proxy limits its clients, we cannot.
    if (!address || trust(address, 0)) return;
    const key = clientKey(address);
    const count = (open.get(key) ?? 0) + 1;
    if (count > limits.maxConnectionsPerClient) {
      onRefused?.(key);
      socket.end(tooMany, () => socket.destroy());
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
