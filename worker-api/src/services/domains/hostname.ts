import { DomainError } from '../../errors';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A hostname as stored: lower-case, no trailing dot. A scheme, port, path or IP address is refused with what to
 * drop, rather than silently cut off (`https://shop.example.com:8443/x` most likely names the wrong thing).
 */
export function normaliseHostname(raw: string): string {
  const fail = (message: string): never => {
    throw DomainError.field(['hostname'], message);
  };
  let host = raw.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) fail('give the hostname only, without a scheme such as https://');
  if (/[/?#]/.test(host)) fail('give the hostname only, without a path');
  if (host.includes('@')) fail('give the hostname only, without a user name');
  if (/:/.test(host)) fail('give the hostname only, without a port');
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length > 253) fail('must be at most 253 characters');
  if (/[^\x20-\x7e]/.test(host)) fail('use the ASCII (punycode, xn--…) form of an internationalised name');
  const labels = host.split('.');
  if (labels.length < 2) fail('needs a domain name such as shop.example.com');
  if (!labels.every((l) => LABEL.test(l)))
    fail('is not a valid hostname (letters, digits and - between dots)');
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) fail('must be a domain name, not an IP address');
  return host;
}

/** The TXT record a domain's owner creates to prove it: `_mos-verify.<hostname>` = `mos-verify=<token>`. */
export function verificationRecord(hostname: string, token: string) {
  return { recordType: 'TXT' as const, recordName: `_mos-verify.${hostname}`, value: `mos-verify=${token}` };
}
