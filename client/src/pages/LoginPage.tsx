import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequestSchema, type LoginRequest } from '../../../shared/api/contract.ts';
import { describeError, isApiError } from '../api/ApiError.ts';
import { login } from '../api/endpoints.ts';
import { Field } from '../components/Field.tsx';
import { ProviderSignIn } from '../components/ProviderSignIn.tsx';
import { queryKeys } from '../api/queryKeys.ts';
import { useSession } from '../hooks/useSession.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { resumeDrafts } from '../lib/autosave.ts';
import { clearSessionEnd } from '../lib/sessionEnd.ts';

/** True when the editor was sent here because their session ended (their edits are kept). */
function cameAfterExpiry(state: unknown): boolean {
  return (state as { expired?: unknown } | null)?.expired === true;
}

/** Where to go after signing in: the page that sent the editor here, if it is ours. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

/** The sign-in page. */
export default function LoginPage() {
  const id = useId();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  usePageTitle('Sign in');
  const { register, handleSubmit, formState } = useForm<LoginRequest>({
    resolver: zodResolver(LoginRequestSchema),
    defaultValues: { username: '', password: '' },
  });
  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (info) => {
      resumeDrafts(info.user.username);
      clearSessionEnd();
      queryClient.setQueryData(queryKeys.session, info);
      // Back to the editor with the edits the ended session interrupted.
      void navigate(returnPath(location.state), {
        replace: true,
        state: cameAfterExpiry(location.state) ? { resumeDraft: true } : undefined,
      });
    },
  });
  const expired = cameAfterExpiry(location.state);
  if (session.data && !signIn.isSuccess)
    return <Navigate to={returnPath(location.state)} replace />;
  const message = signIn.isError
    ? isApiError(signIn.error, 'unauthenticated')
      ? hasReason(signIn.error.details)
        ? signIn.error.message // a disabled account, or one that signs in with the provider
        : 'Wrong username or password. Check both and try again.'
      : describeError(signIn.error)
    : null;

  return (
    <main className="login-page" id="main">
      <form
        className="login-card"
        onSubmit={handleSubmit((values) => signIn.mutate(values))}
        noValidate
        aria-labelledby={`${id}-h`}
      >
        <h1 id={`${id}-h`}>
          <span className="brand-mark" aria-hidden="true">
            F
          </span>{' '}
          Sign in to Folio
        </h1>
        {expired && (
          <p className="banner banner-warn" role="alert">
            Your session ended. Sign in again: your edits are kept in this browser and come back in
            the editor.
          </p>
        )}
        <Field
          id={`${id}-u`}
          label="Username"
          error={formState.errors.username && 'Enter your username.'}
        >
          <input
            id={`${id}-u`}
            autoComplete="username"
            autoFocus
            {...register('username')}
            aria-invalid={Boolean(formState.errors.username)}
            aria-describedby={`${id}-u-help`}
          />
        </Field>
        <Field
          id={`${id}-p`}
          label="Password"
          error={formState.errors.password && 'Enter your password.'}
        >
          <input
            id={`${id}-p`}
            type="password"
            autoComplete="current-password"
            {...register('password')}
            aria-invalid={Boolean(formState.errors.password)}
            aria-describedby={`${id}-p-help`}
          />
        </Field>
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <ProviderSignIn />
      </form>
    </main>
  );
}

/** True when a refused sign-in's details say why (disabled, or signs in with the provider). */
function hasReason(details: unknown): boolean {
  return typeof details === 'object' && details !== null && 'reason' in details;
}
