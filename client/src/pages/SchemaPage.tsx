import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FieldSpec } from '../../../shared/fields/types.ts';
import type {
  CollectionI18n,
  DeclaredCollection,
  SiteSchema,
} from '../../../shared/schema/siteSchema.ts';
import { getSchema } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { InferredSchemaCard } from '../components/InferredSchemaCard.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/settings.css';

/** Settings -> Schema (/settings/schema, admins): where the site's schema comes from, its collections and fields, and every problem in it. */
export default function SchemaPage() {
  usePageTitle('Schema · Settings');
  const access = useAccess();
  const allowed = access.has('settings.manage');
  const schema = useQuery({ queryKey: queryKeys.schema, queryFn: getSchema, enabled: allowed });
  if (!allowed)
    return (
      <EmptyState title="Only admins see the site's schema">
        <p>Ask an admin if a field is missing or labelled wrongly.</p>
      </EmptyState>
    );
  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>Site schema</h1>
        <p className="page-sub">Settings · the collections and fields editors get</p>
      </div>
      {schema.isPending ? (
        <Loading what="the schema" />
      ) : schema.isError ? (
        <ErrorState
          title="The schema could not be loaded"
          error={schema.error}
          onRetry={() => void schema.refetch()}
        />
      ) : (
        <SchemaView schema={schema.data} />
      )}
    </div>
  );
}

function SchemaView({ schema }: { schema: SiteSchema }) {
  return (
    <>
      <section className="settings-card" aria-labelledby="schema-source">
        <h2 id="schema-source">Source</h2>
        <p>{sourceText(schema.source)}</p>
      </section>
      <section className="settings-card" aria-labelledby="schema-problems">
        <h2 id="schema-problems">
          Problems <span className="count">{schema.problems.length}</span>
        </h2>
        {schema.problems.length === 0 ? (
          <p className="muted">
            {schema.source
              ? 'Folio uses every part of it.'
              : 'Nothing is declared, so nothing is wrong.'}
          </p>
        ) : (
          <ul className="schema-problems">
            {schema.problems.map((problem, k) => (
              <li key={k}>
                <code>{problem.path || '(the whole file)'}</code>
                <span>{problem.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {schema.collections.map((collection) => (
        <CollectionCard key={collection.name} collection={collection} />
      ))}
      <InferredSchemaCard source={schema.source} />
    </>
  );
}

function sourceText(source: string | null): string {
  if (!source)
    return 'No folio.yml and no Decap/Sveltia config: Folio infers each collection’s fields from its posts and archetypes. Add a folio.yml (see docs/schema.md) to declare them.';
  if (/(^|\/)folio\.ya?ml$/.test(source)) return `Declared in ${source}.`;
  return `Read from ${source}, a Decap/Sveltia CMS config: what Folio cannot map is listed under Problems.`;
}

function CollectionCard({ collection }: { collection: DeclaredCollection }) {
  const facts = [
    collection.folder && ['Folder', collection.folder],
    collection.path && ['New entries at', collection.path],
    collection.slug && ['File name', collection.slug],
    collection.format && ['Front matter', collection.format.toUpperCase()],
    collection.folder && ['Editors may add entries', collection.create === false ? 'No' : 'Yes'],
    collection.filter && [
      'Only files with',
      `${collection.filter.field}: ${String(collection.filter.value)}`,
    ],
    collection.i18n && ['Translations', translationsText(collection.i18n)],
  ].filter((f): f is [string, string] => Boolean(f));
  const headingId = `schema-collection-${collection.name}`;
  return (
    <section className="settings-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {collection.label ?? collection.name}{' '}
        {collection.label && <code className="muted">{collection.name}</code>}
      </h2>
      <dl className="schema-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <FieldTable
        fields={collection.fields}
        caption={`Fields of ${collection.label ?? collection.name}`}
      />
      {collection.files?.map((file) => (
        <div key={file.name} className="schema-file">
          <h3>
            {file.label ?? file.name} <code className="muted">{file.file}</code>
          </h3>
          <FieldTable fields={file.fields} caption={`Fields of ${file.label ?? file.name}`} />
        </div>
      ))}
    </section>
  );
}

const STRUCTURE_TEXT = {
  hugo: 'where Hugo puts each language',
  multiple_files: 'one file per language (post.de.md)',
  multiple_folders: 'one folder per language (de/post.md)',
  single_file: 'every language in one file',
} as const;

function translationsText(i18n: true | CollectionI18n): string {
  if (i18n === true) return `The site's languages, ${STRUCTURE_TEXT.hugo}`;
  const locales = i18n.locales ? i18n.locales.join(', ') : "the site's languages";
  const original = i18n.defaultLocale ? `, original ${i18n.defaultLocale}` : '';
  return `${locales}${original}: ${STRUCTURE_TEXT[i18n.structure]}`;
}

function FieldTable({ fields, caption }: { fields: FieldSpec[]; caption: string }) {
  if (fields.length === 0) return <p className="muted">No fields declared.</p>;
  return (
    <div className="schema-table-scroll">
      <table className="schema-fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Label</th>
            <th scope="col">Kind</th>
            <th scope="col">Required</th>
            <th scope="col">Default and rules</th>
          </tr>
        </thead>
        <tbody>{rows(fields, '')}</tbody>
      </table>
    </div>
  );
}

function rows(fields: FieldSpec[], prefix: string): ReactNode[] {
  return fields.flatMap((field) => {
    const key = `${prefix}${field.name}`;
    return [
      <tr key={key}>
        <th scope="row">
          <code>{key}</code>
        </th>
        <td>{field.label ?? ''}</td>
        <td>{kindText(field)}</td>
        <td>{field.required ? 'Yes' : 'No'}</td>
        <td>{rules(field)}</td>
      </tr>,
      ...(field.fields ? rows(field.fields, `${key}.`) : []),
    ];
  });
}

function kindText(field: FieldSpec): string {
  if (field.kind === 'select') return field.multiple ? 'select (several)' : 'select';
  if (field.kind === 'relation') return `relation to ${field.collection ?? '?'}`;
  return field.kind;
}

function rules(field: FieldSpec): string {
  const parts: string[] = [];
  if (field.default !== undefined) parts.push(`default ${JSON.stringify(field.default)}`);
  if (field.options)
    parts.push(
      `options ${field.options.map((o) => (typeof o === 'object' ? o.label : String(o))).join(', ')}`,
    );
  if (field.min !== undefined) parts.push(`min ${field.min}`);
  if (field.max !== undefined) parts.push(`max ${field.max}`);
  if (field.pattern) parts.push(`pattern ${field.pattern}`);
  if (field.i18n === false) parts.push('original language only');
  if (field.i18n === 'duplicate') parts.push('same in every language');
  if (field.flag) parts.push('switch in the list');
  if (field.filter) parts.push('filter');
  if (field.hint) parts.push(field.hint);
  return parts.join(' · ');
}
