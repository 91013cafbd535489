import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { UserRecord } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { updateProfile } from '../api/endpoints.ts';
import { errorField } from '../lib/fieldError.ts';
import { Field } from './Field.tsx';

/** Your name and email: the author of your next commits. */
export function ProfileForm({
  user,
  onSaved,
}: {
  user: UserRecord;
  onSaved: (user: UserRecord) => void;
}) {
  const id = useId();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const save = useMutation({ mutationFn: updateProfile, onSuccess: ({ user }) => onSaved(user) });
  const field = errorField(save.error);
  const errorFor = (key: string) =>
    save.isError && field === key ? describeError(save.error) : undefined;
  const changed = name.trim() !== user.name || email.trim() !== user.email;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(email.trim() !== user.email ? { email: email.trim() } : {}),
    });
  };
  return (
    <form
      className="card profile-card"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`}>Name and email</h2>
      <p className="field-help">
        Your commits are authored as “{user.name} &lt;{user.email}&gt;”. A change counts from your
        next save; earlier commits keep the name they were made with.
      </p>
      <Field id={`${id}-n`} label="Full name" error={errorFor('name')}>
        <input
          id={`${id}-n`}
          value={name}
          autoComplete="name"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={Boolean(errorFor('name'))}
          aria-describedby={`${id}-n-help`}
        />
      </Field>
      <Field id={`${id}-e`} label="Email" error={errorFor('email')}>
        <input
          id={`${id}-e`}
          type="email"
          value={email}
          autoComplete="email"
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={Boolean(errorFor('email'))}
          aria-describedby={`${id}-e-help`}
        />
      </Field>
      {save.isError && !field && (
        <p className="form-error" role="alert">
          {describeError(save.error)}
        </p>
      )}
      {save.isSuccess && !changed && (
        <p className="form-ok" role="status">
          Saved: your next commits are authored as “{user.name} &lt;{user.email}&gt;”.
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!changed || save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save name and email'}
        </button>
      </div>
    </form>
  );
}
