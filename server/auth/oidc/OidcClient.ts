import * as client from 'openid-client';
import type { OidcErrorCode } from '../../../shared/api/signInProviders.ts';
import type { OidcSettings } from './oidcSettings.ts';
import { PendingLogins } from './PendingLogins.ts';

/** A sign-in through the provider that did not succeed, with the code the login page explains. */
export class OidcSignInError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

/** Who the provider says signed in: its issuer, their subject and the claims it sent. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Folio's side of the OpenID Connect authorization code flow (openid-client), with PKCE, state
 * and nonce kept server-side in PendingLogins. The provider's metadata is discovered on first
 * use and again after a failed discovery.
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;
  private readonly pending = new PendingLogins();

  constructor(readonly settings: OidcSettings) {}

  /** Starts a sign-in: the provider URL to send the browser to, and the pending sign-in's id. */
  async start(redirectUrl: string): Promise<{ url: URL; pendingId: string }> {
    const config = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const login = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      redirectUrl,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    return { url, pendingId: this.pending.add(login) };
  }

  /** Finishes a sign-in from the provider's redirect (its query in `query`): verifies it and returns who signed in. */
  async finish(pendingId: string | undefined, query: URLSearchParams): Promise<VerifiedIdentity> {
    const login = this.pending.take(pendingId);
    // Checked here, before the library, so that a wrong state has its own code.
    if (!login || query.get('state') !== login.state)
      throw new OidcSignInError('oidc_state', 'No pending sign-in matches this answer.');
    if (query.has('error'))
      throw new OidcSignInError('oidc_denied', 'The provider answered with an error.');
    const config = await this.discover();
    const callbackUrl = new URL(login.redirectUrl);
    callbackUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    let userinfo: Record<string, unknown> = {};
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // Many providers put email, name and groups in the userinfo answer only.
      if (config.serverMetadata().userinfo_endpoint)
        userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { issuer: claims.iss, subject: claims.sub, claims: { ...userinfo, ...claims } };
    } catch (err) {
      throw new OidcSignInError('oidc_failed', `The provider's answer failed: ${describe(err)}.`);
    }
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain http only to a provider on this machine (tests, a local Keycloak); TLS otherwise.
    const { protocol, hostname } = new URL(issuer);
    const insecure = protocol === 'http:' && LOOPBACK.has(hostname);
    this.configuration ??= client
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret ?? undefined,
        clientSecret ? undefined : client.None(),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = null;
        throw new OidcSignInError('oidc_unavailable', `Discovery failed: ${describe(err)}.`);
      });
    return this.configuration;
  }
}

// The error's class and code only: a message could quote a token or the provider's answer.
function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.name} ${code}` : err.name;
}
