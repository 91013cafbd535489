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
  slug: z
    .string()
    .trim()
    .max(200)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes.')
    .or(z.literal('')),
  collection: z.string().min(1, 'Choose a collection.'),
  lang: z
    .string()
    .trim()
    .regex(
      /^([a-z]{2,3}(-[a-z0-9]{2,8})*)?$/i,
      'Use a language code such as en or pt-br, or leave it empty.',
    ),
});
type NewPost = z.infer<typeof NewPostSchema>;

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
  const effectiveSlug = slug.trim() || slugify(title);
  const collection = collections.find((c) => c.name === collectionName);
  const create = useMutation({
    mutationFn: (values: NewPost) =>
      createEntry({
        collection: values.collection,
        slug: values.slug || slugify(values.title),
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
    if (!values.slug && !slugify(values.title)) {
      form.setError('slug', { message: 'This title has no letters a slug can use: type a slug.' });
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
          help={`File: ${collection?.path ?? collectionName}/${effectiveSlug || '…'}${lang.trim() ? `.${lang.trim().toLowerCase()}` : ''}.md`}
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
            <input
              id={`${id}-lang`}
              {...register('lang')}
              list={`${id}-langs`}
              placeholder="Site default"
              aria-invalid={Boolean(formState.errors.lang)}
              aria-describedby={`${id}-lang-help`}
            />
            <datalist id={`${id}-langs`}>
              {languages.map((l) => (
                <option key={l} value={l} />
              ))}
            </datalist>
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
