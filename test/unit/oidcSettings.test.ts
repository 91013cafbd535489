import { describe, expect, it } from 'vitest';
import { deriveUsername, mappedRole } from '../../server/auth/oidc/oidcAccounts.ts';
import { parseOidcSettings } from '../../server/auth/oidc/oidcSettings.ts';
import { parseConfig } from '../../server/config.ts';

const BASE = {
  FOLIO_OIDC_ISSUER: 'https://auth.example.org/realms/team',
  FOLIO_OIDC_CLIENT_ID: 'folio',
};

describe('OpenID Connect settings', () => {
  it('is off without an issuer, and reads the FOLIO_OIDC_* variables with defaults', () => {
    expect(parseConfig([], {}).oidc).toBeNull();
    const settings = parseConfig(['--public-url', 'https://cms.example.org'], {
      ...BASE,
      FOLIO_OIDC_CLIENT_SECRET: 's3cret',
      FOLIO_OIDC_ROLE_CLAIM: 'groups',
      FOLIO_OIDC_ROLE_MAP: 'admins=admin, editors=editor,writers=author',
      FOLIO_OIDC_ALLOWED_DOMAINS: 'Example.org',
    }).oidc;
    expect(settings).toEqual({
      issuer: 'https://auth.example.org/realms/team',
      clientId: 'folio',
      clientSecret: 's3cret',
      redirectUrl: 'https://cms.example.org/api/session/oidc/callback',
      name: 'auth.example.org',
      scopes: 'openid profile email',
      roleClaim: 'groups',
      roleMap: { admins: 'admin', editors: 'editor', writers: 'author' },
      defaultRole: 'viewer',
      allowedDomains: ['example.org'],
    });
  });

  it('refuses settings that cannot work, saying which variable', () => {
    expect(() => parseOidcSettings({ FOLIO_OIDC_ISSUER: BASE.FOLIO_OIDC_ISSUER }, null)).toThrow(
      /FOLIO_OIDC_CLIENT_ID/,
    );
    expect(() => parseOidcSettings({ ...BASE, FOLIO_OIDC_ISSUER: 'auth' }, null)).toThrow(
      /FOLIO_OIDC_ISSUER/,
    );
    expect(() =>
      parseOidcSettings(
        { ...BASE, FOLIO_OIDC_ROLE_CLAIM: 'groups', FOLIO_OIDC_ROLE_MAP: 'a=boss' },
        null,
      ),
    ).toThrow(/Invalid role "boss"/);
    expect(() => parseOidcSettings({ ...BASE, FOLIO_OIDC_ROLE_MAP: 'a=admin' }, null)).toThrow(
      /FOLIO_OIDC_ROLE_CLAIM/,
    );
    expect(() => parseOidcSettings({ ...BASE, FOLIO_OIDC_DEFAULT_ROLE: 'root' }, null)).toThrow(
      /FOLIO_OIDC_DEFAULT_ROLE/,
    );
  });

  it('maps claim values to the highest role, Keycloak group paths too', () => {
    const settings = parseOidcSettings(
      {
        ...BASE,
        FOLIO_OIDC_ROLE_CLAIM: 'groups',
        FOLIO_OIDC_ROLE_MAP: 'editors=editor,admins=admin',
      },
      null,
    )!;
    expect(mappedRole(settings, { groups: ['editors', '/admins'] })).toBe('admin');
    expect(mappedRole(settings, { groups: 'editors' })).toBe('editor');
    expect(mappedRole(settings, { groups: ['staff'] })).toBeNull();
    expect(mappedRole(settings, {})).toBeNull();
  });

  it('derives usernames within Folio’s rule', () => {
    expect(deriveUsername({ preferred_username: 'Lucía Fernández' })).toBe('lucia-fernandez');
    expect(deriveUsername({ email: 'Ana.Souza@example.org' })).toBe('ana.souza');
    expect(deriveUsername({ preferred_username: '__x' })).toBe('x');
    expect(deriveUsername({})).toBe('user');
  });
});
