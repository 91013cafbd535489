// Tests that need an external program (hugo, chromium, ...) declare it here: without the program they are skipped
// with a printed reason on a developer's machine, and fail in CI (CI=true), where a missing tool is a setup bug.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { describe, it } from 'vitest';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The path of an executable given as a path or a bare name (looked up on PATH), or undefined when it is not installed. */
export function findTool(tool: string): string | undefined {
  if (isAbsolute(tool) || tool.includes('/')) return isExecutable(tool) ? tool : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

/** True when the tool is installed and executable. */
export function hasTool(tool: string): boolean {
  return findTool(tool) !== undefined;
}

/** A `describe` block that receives the tool's path; skipped with a printed reason when the tool is missing, failing when CI=true. */
export function describeWithTool(
  tool: string,
  name: string,
  body: (toolPath: string) => void,
): void {
  const found = findTool(tool);
  if (found) {
    describe(name, () => body(found));
    return;
  }
  const reason = `${tool} is not installed`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tool}`, () => {
        throw new Error(`${reason}, and CI must run these tests: install it in the CI setup.`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${reason}.`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it(`needs ${tool}`, () => undefined);
  });
}
