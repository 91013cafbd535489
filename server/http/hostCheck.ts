import { isIP } from 'node:net';
import type { RequestHandler } from 'express';

/** Host names every Folio answers to, besides IP addresses: a page can only name them from this machine. */
export const ALWAYS_ALLOWED_HOSTS = ['localhost'];

/** A host name as requests and configuration compare it: lowercase, without a port or trailing dot. */
export function normalizeHostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) name = name.slice(0, name.indexOf(']') + 1);
  else if (name.includes(':') && isIP(name) !== 6) name = name.slice(0, name.indexOf(':'));
  return name.replace(/\.$/, '');
}

function isIpLiteral(name: string): boolean {
  return isIP(name.startsWith('[') ? name.slice(1, -1) : name) !== 0;
}

/**
 * True when a request naming `hostname` may be answered: an IP address (a DNS-rebinding page
 * names its own domain, never an address), `localhost` or a subdomain of it, or a configured name.
 */
export function isAllowedHost(hostname: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!hostname) return false;
  const name = normalizeHostName(hostname);
  if (name === '') return false;
  return (
    isIpLiteral(name) ||
    ALWAYS_ALLOWED_HOSTS.includes(name) ||
    name.endsWith('.localhost') ||
    allowed.has(name)
  );
}

/**
 * Answers 421 to requests whose Host (or, from a trusted proxy, X-Forwarded-Host) names a host
 * Folio was not configured for, so that a DNS-rebinding page cannot talk to a Folio on a laptop.
 * The answer is plain text and names nothing about this server.
 */
export function hostCheck(allowedHosts: readonly string[]): RequestHandler {
  const allowed = new Set(allowedHosts.map(normalizeHostName));
  return (req, res, next) => {
    if (isAllowedHost(req.hostname, allowed)) return next();
    res
      .status(421)
      .set('Cache-Control', 'no-store')
      .type('text/plain')
      .send(
        'Misdirected request: this server does not answer to the host name this request was sent to. ' +
          'If you run it, allow the name with --public-url or --allowed-hosts.\n',
      );
  };
}
