import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { parseOidcSettings, type OidcSettings } from './auth/oidc/oidcSettings.ts';
import { normalizeHostName } from './http/hostCheck.ts';

/** How Folio was asked to run, from flags first, then environment variables, then defaults. */
export interface Config {
  /** Repository to serve; null means the sample site in dataDir. */
  repo: string | null;
  /** Folder of the Hugo site inside the repository (`--site-dir`); null: the root, or the one site found below it. */
  siteDir: string | null;
  dataDir: string;
  port: number;
  host: string;
  dev: boolean;
  adminPassword: string | null;
  /** The address editors open (behind a proxy, its public one), or null. */
  publicUrl: string | null;
  /** Host names requests may name besides IP addresses and localhost (from --allowed-hosts, --public-url, --host). */
  allowedHosts: string[];
  /** Proxies whose X-Forwarded-* headers are believed (Express `trust proxy` values); empty: none. */
  trustProxy: string[];
  /** Sync with the branch's remote: the URL given (`--remote`), off (`--no-sync`), the fetch interval. */
  sync: {
    url: string | null;
    disabled: boolean;
    fetchIntervalMs: number;
    webhookSecret: string | null;
  };
  /** Sign-in through an OpenID Connect provider (FOLIO_OIDC_*), or null. */
  oidc: OidcSettings | null;
  /** Uploads: the largest image in bytes, and the folder of images of posts that are not bundles. */
  media: { uploadLimit: number; mediaFolder: string };
}

const ANY_INTERFACE = new Set(['0.0.0.0', '::', '']);
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Checks `--trust-proxy` entries: addresses, subnets (`10.0.0.0/8`) or loopback/linklocal/uniquelocal. */
export function parseTrustProxy(text: string | undefined): string[] {
  const entries = list(text);
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const validBits =
      bits === undefined ||
      (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 6 ? 128 : 32)) ||
      isIP(bits) === 4;
    if (PROXY_NAMES.has(entry) || (isIP(address) !== 0 && validBits && extra === undefined))
      continue;
    throw new Error(
      `Invalid --trust-proxy entry "${entry}": give the address or subnet of your proxy ` +
        '(e.g. 127.0.0.1, 10.0.0.0/8) or loopback, linklocal, uniquelocal. Trusting every ' +
        'address would let any client choose the address its sign-ins are throttled by.',
    );
  }
  return entries;
}

function parsePublicUrl(text: string | undefined): URL | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `Invalid --public-url "${text}": give a full address such as https://cms.example.org.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`Invalid --public-url "${text}": it must start with http:// or https://.`);
  return url;
}

/** Reads flags (`--repo`, `--site-dir`, `--port`, `--host`, `--data`, `--dev`, `--public-url`, `--allowed-hosts`, `--trust-proxy`) and FOLIO_* / PORT / HOST variables. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      'site-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'public-url': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'trust-proxy': { type: 'string' },
      remote: { type: 'string' },
      'no-sync': { type: 'boolean', default: false },
      'fetch-interval': { type: 'string' },
      'upload-limit': { type: 'string' },
      'media-folder': { type: 'string' },
      dev: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const portText = values.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `Invalid port "${portText}": give a whole number from 0 to 65535 (--port or PORT).`,
    );
  }
  const repo = values.repo ?? env.FOLIO_REPO ?? null;
  const host = values.host ?? env.HOST ?? 'localhost';
  const publicUrl = parsePublicUrl(values['public-url'] ?? env.FOLIO_PUBLIC_URL);
  const allowedHosts = list(values['allowed-hosts'] ?? env.FOLIO_ALLOWED_HOSTS);
  if (publicUrl) allowedHosts.push(publicUrl.hostname);
  if (!ANY_INTERFACE.has(host)) allowedHosts.push(host);
  return {
    repo: repo ? resolve(repo) : null,
    siteDir: values['site-dir'] ?? env.FOLIO_SITE_DIR ?? null,
    dataDir: resolve(values.data ?? env.FOLIO_DATA_DIR ?? 'data'),
    port,
    host,
    dev: values.dev,
    adminPassword: env.FOLIO_ADMIN_PASSWORD || null,
    publicUrl: publicUrl ? publicUrl.origin : null,
    allowedHosts: [...new Set(allowedHosts.map(normalizeHostName))],
    trustProxy: parseTrustProxy(values['trust-proxy'] ?? env.FOLIO_TRUST_PROXY),
    sync: {
      url: values.remote ?? env.FOLIO_REMOTE ?? null,
      disabled: values['no-sync'] || /^(off|false|0|no)$/i.test(env.FOLIO_SYNC ?? ''),
      fetchIntervalMs:
        parseSeconds(values['fetch-interval'] ?? env.FOLIO_FETCH_INTERVAL ?? '15') * 1000,
      webhookSecret: env.FOLIO_WEBHOOK_SECRET || null,
    },
    oidc: parseOidcSettings(env, publicUrl ? publicUrl.origin : null),
    media: {
      uploadLimit: parseMegabytes(values['upload-limit'] ?? env.FOLIO_UPLOAD_LIMIT ?? '20'),
      mediaFolder: parseMediaFolder(
        values['media-folder'] ?? env.FOLIO_MEDIA_FOLDER ?? 'static/images/uploads/{year}',
      ),
    },
  };
}

function parseMegabytes(text: string): number {
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1024)
    throw new Error(
      `Invalid upload limit "${text}": give megabytes, e.g. 20 (--upload-limit or FOLIO_UPLOAD_LIMIT).`,
    );
  return Math.round(mb * 1024 * 1024);
}

function parseMediaFolder(text: string): string {
  const folder = text
    .trim()
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');
  const segments = folder.split('/');
  if (!folder || segments.some((s) => s === '' || s === '.' || s === '..' || /^\.git$/i.test(s)))
    throw new Error(
      `Invalid media folder "${text}": give a folder inside the repository, e.g. static/images/uploads/{year} (--media-folder or FOLIO_MEDIA_FOLDER).`,
    );
  return folder;
}

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(
      `Invalid fetch interval "${text}": give seconds, e.g. 15, or 0 to fetch only on webhooks and saves (--fetch-interval or FOLIO_FETCH_INTERVAL).`,
    );
  return seconds;
}

/** True when `host` listens on every interface (0.0.0.0 or ::). */
export function listensEverywhere(host: string): boolean {
  return ANY_INTERFACE.has(host);
}

/** Text of `--help`. */
export const HELP = `Folio: a Git-backed CMS for Hugo sites.

Usage: npm start -- [options]

  --repo PATH           git repository to open (working tree or bare)      env FOLIO_REPO
                        default: a copy of the sample site in DATA/site
  --site-dir DIR        folder of the Hugo site inside the repository, e.g.
                        website/ (default: the root, or the one folder below
                        it that has a Hugo config)                         env FOLIO_SITE_DIR
  --port N              port to listen on (default 4000)                   env PORT
  --host NAME           interface to listen on (default localhost)         env HOST
  --public-url URL      the address editors open, e.g. https://cms.example.org
                        (its host name is accepted in requests)            env FOLIO_PUBLIC_URL
  --allowed-hosts A,B   more host names requests may use (IP addresses and
                        localhost always work)                             env FOLIO_ALLOWED_HOSTS
  --trust-proxy LIST    addresses or subnets of reverse proxies whose
                        X-Forwarded-* headers are believed (default none)  env FOLIO_TRUST_PROXY
  --remote URL          the git remote to sync with (default: the branch's
                        upstream, as git pull/push use it)                 env FOLIO_REMOTE
  --no-sync             do not fetch from or push to any remote            env FOLIO_SYNC=off
  --fetch-interval S    seconds between fetches (default 15; 0: only on
                        saves and webhooks)                                env FOLIO_FETCH_INTERVAL
  --upload-limit MB     largest image upload (default 20)                  env FOLIO_UPLOAD_LIMIT
  --media-folder PATH   where images of posts that are not bundles go, in
                        the site's folder (default static/images/uploads/{year})
                                                                           env FOLIO_MEDIA_FOLDER
  --data PATH           folder for the sample site copy (default data)     env FOLIO_DATA_DIR
  --dev                 serve the client through Vite with reload
  -h, --help            show this help

  FOLIO_ADMIN_PASSWORD  password of the first admin (otherwise one is generated and printed once)
  FOLIO_REMOTE_USERNAME, FOLIO_REMOTE_PASSWORD (or FOLIO_REMOTE_TOKEN)
                        credentials for the remote (or in its URL, or git's credential store)
  FOLIO_WEBHOOK_SECRET  shared secret of POST /api/hooks/push (GitHub, Gitea, GitLab)
  FOLIO_OIDC_ISSUER, FOLIO_OIDC_CLIENT_ID, FOLIO_OIDC_CLIENT_SECRET
                        sign-in with an OpenID Connect provider (Gitea, GitLab, Keycloak,
                        Google); see README for FOLIO_OIDC_ROLE_CLAIM / _ROLE_MAP / _DEFAULT_ROLE`;
