import { ROLES, RoleSchema, type Role } from '../../../shared/policy/roles.ts';

/** How Folio signs people in through an OpenID Connect provider. */
export interface OidcSettings {
  /** The issuer URL (its `/.well-known/openid-configuration` is read). */
  issuer: string;
  clientId: string;
  /** Null: a public client (PKCE only). */
  clientSecret: string | null;
  /** The callback URL registered at the provider; null: `<this server>/api/session/oidc/callback`. */
  redirectUrl: string | null;
  /** What the login page's button says after "Sign in with". */
  name: string;
  /** Scopes asked for (default `openid profile email`). */
  scopes: string;
  /** The claim whose values pick the role (`groups`), or null: no mapping. */
  roleClaim: string | null;
  /** Claim value -> role; the highest role matched wins. */
  roleMap: Record<string, Role>;
  /** Role of new users whom the mapping does not place (default viewer). */
  defaultRole: Role;
  /** Email domains that may sign in (lowercase); empty: any. */
  allowedDomains: string[];
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function role(text: string, where: string): Role {
  const parsed = RoleSchema.safeParse(text.trim());
  if (!parsed.success)
    throw new Error(`Invalid role "${text}" in ${where}: use one of ${ROLES.join(', ')}.`);
  return parsed.data;
}

/** Parses `FOLIO_OIDC_ROLE_MAP` (`admins=admin,editors=editor`) into claim value -> role. */
export function parseRoleMap(text: string | undefined): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of list(text)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0)
      throw new Error(
        `Invalid FOLIO_OIDC_ROLE_MAP entry "${pair}": write <claim value>=<role>, e.g. editors=editor.`,
      );
    map[pair.slice(0, at).trim()] = role(pair.slice(at + 1), 'FOLIO_OIDC_ROLE_MAP');
  }
  return map;
}

function url(text: string, name: string): string {
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  } catch {
    // reported below
  }
  throw new Error(`Invalid ${name} "${text}": give a full http(s) address.`);
}

/** Reads the FOLIO_OIDC_* variables; null when FOLIO_OIDC_ISSUER is not set. */
export function parseOidcSettings(
  env: NodeJS.ProcessEnv,
  publicUrl: string | null,
): OidcSettings | null {
  if (!env.FOLIO_OIDC_ISSUER) return null;
  const issuer = url(env.FOLIO_OIDC_ISSUER, 'FOLIO_OIDC_ISSUER');
  if (!env.FOLIO_OIDC_CLIENT_ID)
    throw new Error(
      'FOLIO_OIDC_ISSUER is set but FOLIO_OIDC_CLIENT_ID is not: give the client id registered at the provider.',
    );
  const roleMap = parseRoleMap(env.FOLIO_OIDC_ROLE_MAP);
  const roleClaim = env.FOLIO_OIDC_ROLE_CLAIM?.trim() || null;
  if (Object.keys(roleMap).length > 0 && !roleClaim)
    throw new Error(
      'FOLIO_OIDC_ROLE_MAP is set but FOLIO_OIDC_ROLE_CLAIM is not: name the claim it maps, e.g. groups.',
    );
  const redirect = env.FOLIO_OIDC_REDIRECT_URL;
  return {
    issuer,
    clientId: env.FOLIO_OIDC_CLIENT_ID,
    clientSecret: env.FOLIO_OIDC_CLIENT_SECRET || null,
    redirectUrl: redirect
      ? url(redirect, 'FOLIO_OIDC_REDIRECT_URL')
      : publicUrl && `${publicUrl}/api/session/oidc/callback`,
    name: env.FOLIO_OIDC_NAME?.trim() || new URL(issuer).hostname,
    scopes: env.FOLIO_OIDC_SCOPES?.trim() || 'openid profile email',
    roleClaim,
    roleMap,
    defaultRole: env.FOLIO_OIDC_DEFAULT_ROLE
      ? role(env.FOLIO_OIDC_DEFAULT_ROLE, 'FOLIO_OIDC_DEFAULT_ROLE')
      : 'viewer',
    allowedDomains: list(env.FOLIO_OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
  };
}
