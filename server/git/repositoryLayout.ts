import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import git from 'isomorphic-git';
import type { RepositoryLocation } from './locateRepository.ts';

/** Where each part of a repository lives, and the settings Folio must honour. */
export interface RepositoryLayout extends RepositoryLocation {
  /** Objects, refs, packed-refs and config: the git directory, or the main one for a linked worktree. */
  commonDir: string;
  /** core.logAllRefUpdates: create reflogs (on by default in a working tree, off in a bare repository). */
  logAllRefUpdates: boolean;
}

/** Reads the layout of a located repository; refuses formats Folio cannot write safely. */
export async function readRepositoryLayout(
  location: RepositoryLocation,
): Promise<RepositoryLayout> {
  const commonText = await readFile(resolve(location.gitdir, 'commondir'), 'utf8').catch(
    () => null,
  );
  const commonDir = commonText ? resolve(location.gitdir, commonText.trim()) : location.gitdir;
  const config = async (path: string): Promise<unknown> =>
    git.getConfig({ fs, gitdir: commonDir, path }).catch(() => undefined);
  const objectFormat = String((await config('extensions.objectformat')) ?? 'sha1').toLowerCase();
  if (objectFormat !== 'sha1')
    throw new Error(
      `${commonDir} uses ${objectFormat} object ids; Folio supports SHA-1 repositories only.`,
    );
  const refStorage = String((await config('extensions.refstorage')) ?? 'files').toLowerCase();
  if (refStorage !== 'files')
    throw new Error(
      `${commonDir} stores refs as ${refStorage}; Folio supports the classic files backend only.`,
    );
  const logSetting = await config('core.logallrefupdates');
  const logAllRefUpdates =
    logSetting === undefined
      ? location.dir !== null
      : logSetting === true || logSetting === 'true' || logSetting === 'always';
  return { ...location, commonDir, logAllRefUpdates };
}
