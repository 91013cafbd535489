// Writes docs/folio.schema.json, the JSON Schema of folio.yml, from the zod schema the server
// reads folio.yml with (shared/schema/siteSchema.ts), so that editors get completion and checks
// (`# yaml-language-server: $schema=docs/folio.schema.json`). `--check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { FolioConfigSchema } from '../shared/schema/siteSchema.ts';

/** The JSON Schema text of folio.yml, as committed in docs/. */
export function folioSchemaJson(): string {
  const schema = z.toJSONSchema(FolioConfigSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  });
  const described = {
    $id: 'folio.schema.json',
    title: 'folio.yml',
    description: "Folio's site schema: collections and their fields (see docs/schema.md).",
    ...schema,
  };
  return `${JSON.stringify(described, null, 2)}\n`;
}

const target = new URL('../docs/folio.schema.json', import.meta.url);
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const text = folioSchemaJson();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('docs/folio.schema.json is stale: run npm run schema:json');
      process.exit(1);
    }
  } else writeFileSync(target, text);
}
