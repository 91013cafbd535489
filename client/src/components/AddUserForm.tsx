import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { CreatedUser } from '../../../shared/api/contract.ts';
import { ROLE_SUMMARY, ROLES, type Role } from '../../../shared/policy/roles.ts';
import { describeError } from '../api/ApiError.ts';
import { createUser } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { errorField } from '../lib/fieldError.ts';
import { CollectionsPicker } from './CollectionsPicker.tsx';
import { Field } from './Field.tsx';

/** The form that adds a user: Folio makes a one-time password, handed to `onCreated` to show once. */
export function AddUserForm({
  collectionNames,
  onCreated,
  onCancel,
}: {
  collectionNames: string[];
  onCreated: (created: CreatedUser) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [collections, setCollections] = useState<string[] | null>(null);
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onCreated(created);
    },
  });
  const field = errorField(create.error);
  const errorFor = (key: string) =>
    create.isError && field === key ? describeError(create.error) : undefined;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      username: username.trim(),
      name: name.trim(),
      email: email.trim(),
      role,
      collections: role === 'admin' ? null : collections,
    });
  };
  return (
    <form className="add-user card" onSubmit={handleSubmit} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>Add a user</h2>
      <div className="add-user-fields">
        <Field
          id={`${id}-u`}
          label="Username"
          help="Lowercase letters, digits, “.”, “_” or “-”: they sign in with it."
          error={errorFor('username')}
        >
          <input
            id={`${id}-u`}
            value={username}
            autoComplete="off"
            required
            onChange={(event) => setUsername(event.target.value.toLowerCase())}
            aria-invalid={Boolean(errorFor('username'))}
            aria-describedby={`${id}-u-help`}
          />
        </Field>
        <Field
          id={`${id}-n`}
          label="Full name"
          help="The author of their commits."
          error={errorFor('name')}
        >
          <input
            id={`${id}-n`}
            value={name}
            required
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
            required
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={Boolean(errorFor('email'))}
            aria-describedby={`${id}-e-help`}
          />
        </Field>
        <Field id={`${id}-r`} label="Role" help={ROLE_SUMMARY[role]}>
          <select
            id={`${id}-r`}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            aria-describedby={`${id}-r-help`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {role !== 'admin' && role !== 'viewer' && (
        <CollectionsPicker value={collections} names={collectionNames} onChange={setCollections} />
      )}
      {create.isError && !(field && ['username', 'name', 'email'].includes(field)) && (
        <p className="form-error" role="alert">
          {describeError(create.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="field-help">
        Folio makes a one-time password and shows it once; they choose their own when they first
        sign in.
      </p>
    </form>
  );
}
