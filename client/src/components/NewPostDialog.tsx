import { zodResolver } from '@hookform/resolvers/zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import type { Collection } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { describeError } from '../api/ApiError.ts';
import { createEntry, previewNewEntry } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { creatableCollections } from '../lib/creatableCollections.ts';
import { editorRoute } from '../lib/routes.ts';
import { Field } from './Field.tsx';
import { NoCreatableCollection } from './NoCreatableCollection.tsx';

const NewPostSchema = z.object({
  title: z.string().trim().min(1, 'Give the post a title.').max(300),
  // Accents, capitals and spaces typed in the slug are folded, as the server does (slugify).
  slug: z.string().trim().max(200),
  collection: z.string().min(1, 'Choose a collection.'),
  /** The folder of a new section, when `collection` is NEW_SECTION. */
  section: z.string().trim().max(100),
  lang: z.string().trim(),
});

/** The collection select's value for "a new section". */
const NEW_SECTION = '\u0000new';

/**
 * Where a post of a new section `section` goes in `lang`: an existing collection's path for that
 * language with its folder swapped (a new section has no page bundles yet), or content/<section>.
 */
function newSectionPath(collections: Collection[], section: string, lang: string, slug: string) {
  for (const c of collections) {
    const template = c.newEntryPaths?.[lang];
    if (!template || c.name === '.') continue;
    const at = template.indexOf('{slug}');
    const folder = template.slice(0, at);
    if (!folder.endsWith(`/${c.name}/`)) continue;
    const parent = folder.slice(0, folder.length - c.name.length - 1);
    const tail = template.slice(at + '{slug}'.length).replace(/^\/index/, '');
    return `${parent}${section || '…'}/${slug || '…'}${tail}`;
  }
  return `content/${section || '…'}/${slug || '…'}${lang ? `.${lang}` : ''}.md`;
}
type NewPost = z.infer<typeof NewPostSchema>;

/** The file a new post will be: the server's own path for this collection and language, with the slug in it. */
export function newPostPath(
  collection: Collection | undefined,
  lang: string,
  slug: string,
): string {
  const template = collection?.newEntryPaths?.[lang] ?? collection?.newEntryPaths?.[''];
  const shown = slug || '…';
  if (template) return template.replace('{slug}', shown);
  const suffix = lang ? `.${lang}` : '';
  return `${collection?.path ?? 'content'}/${shown}${suffix}.md`;
}

/** Props of NewPostDialog. */
export interface NewPostDialogProps {
  open: boolean;
  collections: Collection[];
  languages: string[];
  defaultCollection?: string;
  onClose: () => void;
}

/** Dialog that creates a post: title -> slug (accents folded), collection and language. */
export default function NewPostDialog({
  open,
  collections: allCollections,
  languages,
  defaultCollection,
  onClose,
}: NewPostDialogProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The site's schema may refuse new entries in a collection (Decap's create: false); with a
  // declared schema, sections are declared there too, so the dialog offers no new one.
  const collections = useMemo(() => creatableCollections(allCollections), [allCollections]);
  const offersSection = !allCollections.some((c) => c.declared);
  const defaults = {
    title: '',
    slug: '',
    collection:
      collections.find((c) => c.name === defaultCollection)?.name ??
      collections[0]?.name ??
      NEW_SECTION,
    // Hugo's own convention for a first section.
    section: collections.length ? '' : 'posts',
    lang: '',
  };
  const form = useForm<NewPost>({ resolver: zodResolver(NewPostSchema), defaultValues: defaults });
  const { register, handleSubmit, formState, control, reset } = form;
  const [title, slug, collectionName, section, lang] = useWatch({
    control,
    name: ['title', 'slug', 'collection', 'section', 'lang'],
  });
  const effectiveSlug = slugify(slug.trim() || title);
  const creatingSection = collectionName === NEW_SECTION;
  const sectionName = slugify(section);
  const collection = collections.find((c) => c.name === collectionName);
  const paths = (collection ?? collections[0])?.newEntryPaths;
  const siteLanguages = paths ? Object.keys(paths).filter(Boolean) : languages;
  const targetCollection = creatingSection ? sectionName : collectionName;
  // The server's own plan (path from the collection's template, archetype, notes), a moment
  // after the last keystroke; the local guess below shows meanwhile.
  const asked = useDebounced(
    { collection: targetCollection, title: title.trim(), slug: effectiveSlug, lang },
    200,
  );
  const preview = useQuery({
    queryKey: ['new-entry', asked],
    queryFn: ({ signal }) =>
      previewNewEntry(
        asked.collection,
        {
          title: asked.title,
          slug: asked.slug,
          lang: asked.lang || undefined,
          utcOffsetMinutes: -new Date().getTimezoneOffset(),
        },
        signal,
      ),
    enabled: open && Boolean(asked.collection) && Boolean(asked.slug),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5_000,
  });
  const current =
    asked.collection === targetCollection &&
    asked.slug === effectiveSlug &&
    asked.lang === lang &&
    !preview.isPlaceholderData
      ? preview.data
      : undefined;
  const guessedPath = creatingSection
    ? `${newSectionPath(collections, sectionName, lang, effectiveSlug)} (a new section)`
    : newPostPath(collection, lang, effectiveSlug);
  const shownPath = current
    ? `${current.path}${creatingSection ? ' (a new section)' : ''}`
    : guessedPath;
  const makesDraft = current ? current.frontMatter.draft === true : true;
  const create = useMutation({
    mutationFn: (values: NewPost) =>
      createEntry({
        collection: values.collection === NEW_SECTION ? slugify(values.section) : values.collection,
        slug: slugify(values.slug || values.title),
        lang: values.lang || undefined,
        title: values.title.trim(),
        utcOffsetMinutes: -new Date().getTimezoneOffset(),
      }),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient);
      onClose();
      void navigate(editorRoute(result.id));
    },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) {
      reset(defaults);
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
    // `defaults` follows from these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, reset, defaultCollection, collections]);

  const handleCreate = handleSubmit((values) => {
    if (values.collection === NEW_SECTION && !slugify(values.section)) {
      form.setError('section', { message: 'Name the section: it becomes a folder of the site.' });
      return;
    }
    if (!slugify(values.slug || values.title)) {
      form.setError('slug', {
        message: values.slug
          ? 'This slug has no letters or digits a file name can use.'
          : 'This title has no letters a slug can use: type a slug.',
      });
      return;
    }
    create.mutate(values);
  });

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      {collections.length === 0 && !offersSection ? (
        <NoCreatableCollection titleId={`${id}-title`} onClose={onClose} />
      ) : (
        <form onSubmit={handleCreate} noValidate>
          <h2 id={`${id}-title`}>New post</h2>
          <Field id={`${id}-t`} label="Title" error={formState.errors.title?.message}>
            <input
              id={`${id}-t`}
              autoFocus
              {...register('title')}
              aria-invalid={Boolean(formState.errors.title)}
              aria-describedby={`${id}-t-help`}
            />
          </Field>
          <Field
            id={`${id}-slug`}
            label="Slug"
            error={formState.errors.slug?.message}
            help={`File: ${shownPath}`}
          >
            <input
              id={`${id}-slug`}
              {...register('slug')}
              placeholder={slugify(title) || 'my-post'}
              aria-invalid={Boolean(formState.errors.slug)}
              aria-describedby={`${id}-slug-help`}
            />
          </Field>
          <div className="field-row">
            <Field id={`${id}-collection`} label="Collection">
              <select id={`${id}-collection`} {...register('collection')}>
                {collections.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
                {offersSection && <option value={NEW_SECTION}>New section…</option>}
              </select>
            </Field>
            {creatingSection && (
              <Field
                id={`${id}-section`}
                label="Section name"
                error={formState.errors.section?.message}
              >
                <input
                  id={`${id}-section`}
                  {...register('section')}
                  placeholder="posts"
                  aria-invalid={Boolean(formState.errors.section)}
                  aria-describedby={`${id}-section-help`}
                />
              </Field>
            )}
            <Field id={`${id}-lang`} label="Language" error={formState.errors.lang?.message}>
              <select id={`${id}-lang`} {...register('lang')}>
                <option value="">Site default</option>
                {siteLanguages.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {current?.archetype && (
            <p className="dialog-note">
              Starts from the site’s archetype <code>{current.archetype}</code>.
            </p>
          )}
          {current && current.notes.length > 0 && (
            <ul className="dialog-note dialog-warnings" aria-label="About this new post">
              {current.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          {preview.isError && (
            <p className="form-error" role="alert">
              {describeError(preview.error)}
            </p>
          )}
          {create.isError && (
            <p className="form-error" role="alert">
              Could not create the post: {describeError(create.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button button-quiet" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : makesDraft ? 'Create draft' : 'Create post'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

// `value` once it has stayed the same for `ms` (compared as JSON).
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}
