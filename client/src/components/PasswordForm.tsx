import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../shared/policy/passwordRules.ts';
import { describeError } from '../api/ApiError.ts';
import { changePassword } from '../api/endpoints.ts';
import { errorField } from '../lib/fieldError.ts';
import { Field } from './Field.tsx';

/** Change your password: current and new (the server's rules shown and checked as you type). */
export function PasswordForm({
  owner,
  forced,
  onChanged,
}: {
  owner: { username: string; email: string };
  /** Signed in with a one-time password: the current one is that. */
  forced: boolean;
  onChanged: () => void;
}) {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setTried(false);
      setDone(true);
      onChanged();
    },
  });
  const problem = next ? passwordProblem(next, owner) : null;
  const mismatch = repeat !== '' && repeat !== next ? 'The two new passwords differ.' : null;
  const field = errorField(change.error);
  const serverError = change.isError ? describeError(change.error) : undefined;
  const currentError =
    (tried && !current ? 'Enter your current password.' : undefined) ??
    (field === 'currentPassword' ? serverError : undefined);
  const newError =
    (tried && !next ? 'Enter a new password.' : undefined) ??
    (tried && problem ? problem : undefined) ??
    (field === 'newPassword' ? serverError : undefined);
  const repeatError = tried && repeat !== next ? 'The two new passwords differ.' : undefined;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(false);
    if (!current || !next || problem || repeat !== next) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form
      className="card profile-card"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`}>{forced ? 'Choose your own password' : 'Change password'}</h2>
      <Field
        id={`${id}-c`}
        label={forced ? 'One-time password' : 'Current password'}
        error={currentError}
      >
        <input
          id={`${id}-c`}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          aria-invalid={Boolean(currentError)}
          aria-describedby={`${id}-c-help`}
        />
      </Field>
      <Field
        id={`${id}-n`}
        label="New password"
        help={`At least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one); not a common password, not your username or email.`}
        error={newError}
      >
        <input
          id={`${id}-n`}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          aria-invalid={Boolean(newError)}
          aria-describedby={`${id}-n-help`}
        />
      </Field>
      <Field id={`${id}-r`} label="New password again" error={repeatError ?? mismatch ?? undefined}>
        <input
          id={`${id}-r`}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          aria-invalid={Boolean(repeatError ?? mismatch)}
          aria-describedby={`${id}-r-help`}
        />
      </Field>
      {change.isError && !field && (
        <p className="form-error" role="alert">
          {serverError}
        </p>
      )}
      {done && (
        <p className="form-ok" role="status">
          Password changed. Your other sessions have ended; this one stays signed in.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
