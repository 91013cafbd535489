import { useState } from 'react';

/** A one-time password shown once, with a copy button and what to do with it. */
export function OneTimePassword({
  username,
  password,
  onDone,
}: {
  username: string;
  password: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const handleCopy = () => {
    navigator.clipboard.writeText(password).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="banner banner-info one-time" role="status">
      <p>
        One-time password for <strong>{username}</strong>. It is shown only now: give it to them
        privately. They choose their own password when they first sign in.
      </p>
      <p className="one-time-row">
        <code className="one-time-password" aria-label={`One-time password for ${username}`}>
          {password}
        </code>
        <button type="button" className="button button-small" onClick={handleCopy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onDone}>
          Done, hide it
        </button>
      </p>
      {copied === 'failed' && (
        <p className="form-error">This browser refused to copy: select the password and copy it.</p>
      )}
    </div>
  );
}
