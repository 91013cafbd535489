import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import type { Collection } from '../../../shared/api/contract.ts';
import { slugify } from '../../../shared/slugify.ts';
import { describeError } from '../api/ApiError.ts';
import { createEntry } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { newEntryFrontMatter } from '../lib/newEntry.ts';
import { editorRoute } from '../lib/routes.ts';
import { Field } from './Field.tsx';

const NewPostSchema = z.object({
  title: z.string().trim().min(1, 'Give the post a title.').max(300),
  // Accents, capitals and spaces typed in the slug are folded, as the server does (slugify).
  slug: z.string().trim().max(200),
  collection: z.string().min(1, 'Choose a collection.'),
  lang: z.string().trim(),
});
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
  collections,
  languages,
  defaultCollection,
  onClose,
}: NewPostDialogProps) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<NewPost>({
    resolver: zodResolver(NewPostSchema),
    defaultValues: {
      title: '',
      slug: '',
      collection: defaultCollection ?? collections[0]?.name ?? '',
      lang: '',
    },
  });
  const { register, handleSubmit, formState, control, reset } = form;
  const [title, slug, collectionName, lang] = useWatch({
    control,
    name: ['title', 'slug', 'collection', 'lang'],
  });
  const effectiveSlug = slugify(slug.trim() || title);
  const collection = collections.find((c) => c.name === collectionName);
  const siteLanguages = collection?.newEntryPaths
    ? Object.keys(collection.newEntryPaths).filter(Boolean)
    : languages;
  const create = useMutation({
    mutationFn: (values: NewPost) =>
      createEntry({
        collection: values.collection,
        slug: slugify(values.slug || values.title),
        lang: values.lang || undefined,
        frontMatter: newEntryFrontMatter(
          values.title,
          collections.find((c) => c.name === values.collection),
        ),
        body: '',
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
      reset({
        title: '',
        slug: '',
        collection: defaultCollection ?? collections[0]?.name ?? '',
        lang: '',
      });
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open, reset, defaultCollection, collections]);

  const handleCreate = handleSubmit((values) => {
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
          help={`File: ${newPostPath(collection, lang, effectiveSlug)}`}
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
            </select>
          </Field>
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
            {create.isPending ? 'Creating…' : 'Create draft'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
