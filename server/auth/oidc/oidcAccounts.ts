import { roleRank, type Role } from '../../../shared/policy/roles.ts';
import type { User } from '../../../shared/api/contract.ts';
import { ConflictError } from '../../errors.ts';
import type { UserStore } from '../UserStore.ts';
import { OidcSignInError, type VerifiedIdentity } from './OidcClient.ts';
import type { OidcSettings } from './oidcSettings.ts';

/** A user signed in through the provider: who, the session stamp to start with, and whether they are new. */
export interface ExternalSignIn {
  user: User;
  stamp: string;
  created: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A username from `preferred_username` or the email's local part, within Folio's username rule. */
export function deriveUsername(claims: Record<string, unknown>): string {
  const source = text(claims.preferred_username) || text(claims.email).split('@')[0] || 'user';
  const name = source
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "lucía" -> "lucia"
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 60);
  return name || 'user';
}

/** The role the claims map to (the highest matched), or null when nothing matches or no mapping is set. */
export function mappedRole(settings: OidcSettings, claims: Record<string, unknown>): Role | null {
  if (!settings.roleClaim) return null;
  const raw = claims[settings.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === 'string');
  let best: Role | null = null;
  for (const value of values)
    for (const key of [value, value.replace(/^\//, '')]) {
      // Keycloak names groups by path ("/editors").
      const role = Object.hasOwn(settings.roleMap, key) ? settings.roleMap[key]! : null;
      if (role && (!best || roleRank(role) > roleRank(best))) best = role;
    }
  return best;
}

function checkDomain(settings: OidcSettings, claims: Record<string, unknown>): void {
  if (settings.allowedDomains.length === 0) return;
  const domain = text(claims.email).split('@')[1]?.toLowerCase() ?? '';
  if (claims.email_verified === false || !settings.allowedDomains.includes(domain))
    throw new OidcSignInError('oidc_domain', 'The email domain is not allowed.');
}

/**
 * Finds the user the provider vouched for (by issuer and subject, never by email: an email
 * match would hand an existing account to whoever the provider lets claim that address), or
 * creates them on first sign-in with the mapped or default role. With a role mapping the role
 * follows the provider at every sign-in; disabled users are refused.
 */
export async function signInExternal(
  users: UserStore,
  settings: OidcSettings,
  identity: VerifiedIdentity,
): Promise<ExternalSignIn> {
  const { claims } = identity;
  checkDomain(settings, claims);
  const role = mappedRole(settings, claims);
  const known = users.findByIdentity(identity);
  let created = false;
  let username: string;
  if (known) {
    if (known.disabled) throw new OidcSignInError('oidc_disabled', 'The user is disabled.');
    username = known.username;
    if (settings.roleClaim && users.get(username)?.role !== (role ?? settings.defaultRole))
      await users.update(username, { role: role ?? settings.defaultRole }).catch((err: unknown) => {
        if (!(err instanceof ConflictError)) throw err; // the last admin keeps their role
      });
  } else {
    const base = deriveUsername(claims);
    const email = text(claims.email) || `${base}@${new URL(identity.issuer).hostname}`;
    const name = (text(claims.name) || text(claims.preferred_username) || base).replace(
      /[<>\n\r\0]/g,
      '',
    );
    const record = await users.addExternal(
      { username: base, name: name.slice(0, 200), email, role: role ?? settings.defaultRole },
      identity,
    );
    username = record.username;
    created = true;
  }
  const user = users.find(username);
  const stamp = users.stampOf(username);
  if (!user || stamp === null) throw new OidcSignInError('oidc_disabled', 'The user is disabled.');
  return { user, stamp, created };
}
