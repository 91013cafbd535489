import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

/** How Folio was asked to run, from flags first, then environment variables, then defaults. */
export interface Config {
  /** Repository to serve; null means the sample site in dataDir. */
  repo: string | null;
  dataDir: string;
  port: number;
  host: string;
  dev: boolean;
  adminPassword: string | null;
}

/** Reads flags (`--repo`, `--port`, `--host`, `--data`, `--dev`) and FOLIO_* / PORT variables. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
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
  return {
    repo: repo ? resolve(repo) : null,
    dataDir: resolve(values.data ?? env.FOLIO_DATA_DIR ?? 'data'),
    port,
    host: values.host ?? env.HOST ?? 'localhost',
    dev: values.dev,
    adminPassword: env.FOLIO_ADMIN_PASSWORD || null,
  };
}

/** Text of `--help`. */
export const HELP = `Folio: a Git-backed CMS for Hugo sites.

Usage: npm start -- [options]

  --repo PATH   git repository to open (working tree or bare)   env FOLIO_REPO
                default: a copy of the sample site in DATA/site
  --port N      port to listen on (default 4000)                env PORT
  --host NAME   interface to listen on (default localhost)      env HOST
  --data PATH   folder for the sample site copy (default data)  env FOLIO_DATA_DIR
  --dev         serve the client through Vite with reload
  -h, --help    show this help

  FOLIO_ADMIN_PASSWORD  password of the first admin (otherwise one is generated and printed once)`;
