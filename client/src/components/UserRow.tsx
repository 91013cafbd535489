import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UpdateUserRequest, UserRecord } from '../../../shared/api/contract.ts';
import { ROLE_SUMMARY, ROLES, type Role } from '../../../shared/policy/roles.ts';
import { describeError } from '../api/ApiError.ts';
import { deleteUser, resetUserPassword, updateUser } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { formatCommitDate } from '../lib/format.ts';
import { CollectionsPicker, describeCollections } from './CollectionsPicker.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/** Props of UserRow. */
export interface UserRowProps {
  user: UserRecord;
  /** The signed-in admin's username (their own row says "you"). */
  me: string;
  collectionNames: string[];
  onPassword: (username: string, password: string) => void;
}

/** One user in the admin's list, with role, collections, disable, reset password and remove. */
export function UserRow({ user, me, collectionNames, onPassword }: UserRowProps) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<'reset' | 'remove' | null>(null);
  const [picking, setPicking] = useState<string[] | null | undefined>(undefined);
  const done = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const update = useMutation({
    mutationFn: (body: UpdateUserRequest) => updateUser(user.username, body),
    onSuccess: () => {
      setPicking(undefined);
      done();
    },
  });
  const reset = useMutation({
    mutationFn: () => resetUserPassword(user.username),
    onSuccess: ({ password }) => {
      setAsking(null);
      onPassword(user.username, password);
      done();
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteUser(user.username),
    onSuccess: () => {
      setAsking(null);
      done();
    },
  });
  const error = update.error ?? reset.error ?? remove.error;
  const busy = update.isPending || reset.isPending || remove.isPending;
  const restrictable = user.role !== 'admin' && user.role !== 'viewer';
  return (
    <tr className={user.disabled ? 'is-disabled' : undefined} aria-label={user.username}>
      <td data-label="User">
        <strong>{user.username}</strong>
        {user.username === me && <span className="badge">you</span>}
        {user.disabled && <span className="badge badge-off">disabled</span>}
        {user.viaProvider && (
          <span className="badge" title="Signs in with the identity provider; has no password here">
            identity provider
          </span>
        )}
        {user.mustChangePassword && (
          <span className="badge" title="Signs in with a one-time password, then chooses one">
            one-time password
          </span>
        )}
        <div className="muted">{user.name}</div>
        <div className="muted user-email">{user.email}</div>
      </td>
      <td data-label="Role">
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          disabled={busy}
          title={ROLE_SUMMARY[user.role]}
          onChange={(event) => update.mutate({ role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Collections">
        {!restrictable ? (
          <span className="muted">{user.role === 'admin' ? 'Every collection' : 'Reads only'}</span>
        ) : picking !== undefined ? (
          <div className="collections-edit">
            <CollectionsPicker value={picking} names={collectionNames} onChange={setPicking} />
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              onClick={() => update.mutate({ collections: picking })}
            >
              Save collections
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setPicking(undefined)}
            >
              Cancel
            </button>
          </div>
        ) : (
          <>
            <span>{describeCollections(user.collections)}</span>{' '}
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={`Change collections of ${user.username}`}
              onClick={() => setPicking(user.collections ?? null)}
            >
              Change
            </button>
          </>
        )}
      </td>
      <td data-label="Last sign-in">
        {user.lastSignInAt ? (
          <time dateTime={user.lastSignInAt} title={user.lastSignInAt}>
            {formatCommitDate(user.lastSignInAt)}
          </time>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td data-label="Actions">
        <div className="user-actions">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => update.mutate({ disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
          {/* A provider's user has no password here: their provider resets it. */}
          {!user.viaProvider && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => setAsking('reset')}
            >
              Reset password
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            disabled={busy}
            onClick={() => setAsking('remove')}
          >
            Remove
          </button>
          {error && (
            <p className="form-error" role="alert">
              {describeError(error)}
            </p>
          )}
          <ConfirmDialog
            open={asking === 'reset'}
            title={`Reset the password of ${user.username}?`}
            confirmLabel={reset.isPending ? 'Resetting…' : 'Reset password'}
            busy={reset.isPending}
            onConfirm={() => reset.mutate()}
            onCancel={() => setAsking(null)}
          >
            <p>
              Folio makes a one-time password, shown to you once. Their sessions end on every
              device, and they choose a new password at their next sign-in.
            </p>
          </ConfirmDialog>
          <ConfirmDialog
            open={asking === 'remove'}
            title={`Remove ${user.username}?`}
            confirmLabel={remove.isPending ? 'Removing…' : 'Remove user'}
            busy={remove.isPending}
            danger
            onConfirm={() => remove.mutate()}
            onCancel={() => setAsking(null)}
          >
            <p>
              {user.name} can no longer sign in and their sessions end. Their commits stay in the
              history. To keep the account for later, disable it instead.
            </p>
            {remove.isError && (
              <p className="form-error" role="alert">
                {describeError(remove.error)}
              </p>
            )}
          </ConfirmDialog>
        </div>
      </td>
    </tr>
  );
}
