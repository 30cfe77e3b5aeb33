/**
 * What the Node entry passes in Hono's env for each request: the TCP peer's address (the socket's, never a
 * header), so the local sign-in route can answer loopback callers only.
 */
export interface NodePeerBindings {
  peerAddress?: string | undefined;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x (a dual-stack socket reports those). */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** The peer address the entry passed in, or null (Workers, in-process requests): then no loopback is proven. */
export function peerAddressOf(bindings: unknown): string | null {
  const peer = (bindings as NodePeerBindings | undefined)?.peerAddress;
  return typeof peer === 'string' && peer.length > 0 ? peer : null;
}
