import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { SignInProviders } from '../../../shared/api/signInProviders.ts';
import { signInErrorMessage } from '../../../shared/api/signInProviders.ts';
import { apiRequest } from '../api/http.ts';

/** "Sign in with <provider>" links (when the server has any) and why the last such sign-in failed. */
export function ProviderSignIn() {
  const [params] = useSearchParams();
  const providers = useQuery({
    queryKey: ['session', 'providers'],
    queryFn: () => apiRequest<SignInProviders>('/session/providers'),
    staleTime: Infinity,
  });
  const error = signInErrorMessage(params.get('error'));
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {providers.data?.providers.map((provider) => (
        // A full-page navigation: the provider's page takes over, then sends the browser back.
        <a key={provider.id} className="button" href={provider.startUrl}>
          Sign in with {provider.name}
        </a>
      ))}
    </>
  );
}
