/** A way to sign in besides a password, as the login page shows it. */
export interface SignInProvider {
  /** Stable id of the provider (`oidc`). */
  id: string;
  /** What the button says after "Sign in with". */
  name: string;
  /** Where the button goes (a full-page navigation, not a fetch). */
  startUrl: string;
}

/** Answer of GET /api/session/providers. */
export interface SignInProviders {
  providers: SignInProvider[];
}

/** Why a sign-in through an identity provider failed: the `error` of `/login?error=<code>`. */
export const OIDC_ERROR_CODES = [
  'oidc_not_configured',
  'oidc_unavailable',
  'oidc_state',
  'oidc_denied',
  'oidc_failed',
  'oidc_domain',
  'oidc_disabled',
] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];

const MESSAGES: Record<OidcErrorCode, string> = {
  oidc_not_configured: 'Sign-in with an identity provider is not set up on this Folio.',
  oidc_unavailable: 'The identity provider could not be reached. Try again in a minute.',
  oidc_state:
    'That sign-in link expired or was not started in this browser. Start the sign-in again.',
  oidc_denied: 'The identity provider did not let you sign in (cancelled or refused).',
  oidc_failed: 'The identity provider’s answer could not be verified. Start the sign-in again.',
  oidc_domain: 'Your account’s email domain may not sign in to this Folio.',
  oidc_disabled: 'This account is disabled: ask an admin of this Folio.',
};

/** The message the login page shows for `/login?error=<code>` (null for an unknown code). */
export function signInErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code as OidcErrorCode] : null;
}
