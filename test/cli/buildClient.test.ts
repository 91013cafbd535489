import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesFingerprint } from '../../scripts/buildClient.ts';
import { makeTempDir } from '../support/tempRepo.ts';

describe('npm start builds the client only when its sources changed', () => {
  it('keeps the fingerprint while nothing changes, and changes it with an edit, a new file or a new lock file', () => {
    const tmp = makeTempDir();
    try {
      mkdirSync(join(tmp.path, 'client/src'), { recursive: true });
      mkdirSync(join(tmp.path, 'shared'), { recursive: true });
      writeFileSync(join(tmp.path, 'client/src/main.tsx'), 'a');
      writeFileSync(join(tmp.path, 'shared/x.ts'), 'b');
      const first = sourcesFingerprint(tmp.path);
      expect(sourcesFingerprint(tmp.path)).toBe(first);

      const later = new Date(Date.now() + 5000);
      utimesSync(join(tmp.path, 'shared/x.ts'), later, later);
      const touched = sourcesFingerprint(tmp.path);
      expect(touched).not.toBe(first);
      writeFileSync(join(tmp.path, 'client/src/new.ts'), 'c');
      const added = sourcesFingerprint(tmp.path);
      expect(added).not.toBe(touched);
      writeFileSync(join(tmp.path, 'package-lock.json'), '{}');
      expect(sourcesFingerprint(tmp.path)).not.toBe(added);
    } finally {
      tmp.cleanup();
    }
  });
});
