import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listUsers } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { AddUserForm } from '../components/AddUserForm.tsx';
import { OneTimePassword } from '../components/OneTimePassword.tsx';
import { EmptyState, ErrorState, Loading } from '../components/StatusMessage.tsx';
import { UserRow } from '../components/UserRow.tsx';
import { useAccess } from '../hooks/useAccess.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import '../styles/accounts.css';

/** The admin's Users page (/users): every account, add one, change role and collections, disable, reset, remove. */
export default function UsersPage() {
  usePageTitle('Users');
  const access = useAccess();
  const allowed = access.has('users.manage');
  const users = useQuery({ queryKey: queryKeys.users, queryFn: listUsers, enabled: allowed });
  const collections = useCollections();
  const names = collections.data?.map((c) => c.name) ?? [];
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);

  if (!allowed)
    return (
      <EmptyState title="Only admins manage users">
        <p>
          You are signed in as {access.session?.user.role === 'viewer' ? 'a' : 'an'}{' '}
          {access.session?.user.role}. Ask an admin to add, change or remove users.
        </p>
      </EmptyState>
    );
  return (
    <div className="users-page">
      <div className="page-head">
        <h1>Users</h1>
        <p className="page-count">
          {users.data && `${users.data.length} ${users.data.length === 1 ? 'user' : 'users'}`}
        </p>
        {!adding && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setAdding(true);
              setShown(null);
            }}
          >
            Add user
          </button>
        )}
      </div>
      {shown && (
        <OneTimePassword
          username={shown.username}
          password={shown.password}
          onDone={() => setShown(null)}
        />
      )}
      {adding && (
        <AddUserForm
          collectionNames={names}
          onCancel={() => setAdding(false)}
          onCreated={({ user, password }) => {
            setAdding(false);
            if (password) setShown({ username: user.username, password });
          }}
        />
      )}
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <ErrorState
          title="The users could not be loaded"
          error={users.error}
          onRetry={() => void users.refetch()}
        />
      ) : (
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Collections</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow
                key={user.username}
                user={user}
                me={access.session?.user.username ?? ''}
                collectionNames={names}
                onPassword={(username, password) => setShown({ username, password })}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
