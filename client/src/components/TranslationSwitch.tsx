import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Entry } from '../../../shared/api/contract.ts';
import { describeError } from '../api/ApiError.ts';
import { createTranslation } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { useAccess } from '../hooks/useAccess.ts';
import { languageName } from '../lib/languageNames.ts';
import { editorRoute } from '../lib/routes.ts';
import '../styles/translations.css';

/** Props of TranslationSwitch. */
export interface TranslationSwitchProps {
  entry: Entry;
}

/**
 * The entry's language with links to its translations and, for the site's languages it lacks, a
 * button that creates that translation (a draft copy, see POST /api/entries with translationOf)
 * and opens it. Shows nothing on a site with one language.
 */
export function TranslationSwitch({ entry }: TranslationSwitchProps) {
  const access = useAccess();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (lang: string) => createTranslation({ translationOf: entry.id, lang }),
    onSuccess: (result) => {
      invalidateAfterCommit(queryClient);
      void navigate(editorRoute(result.id));
    },
  });
  const translations = entry.translations ?? [];
  const missing = entry.missingTranslations ?? [];
  if (!entry.lang || (translations.length === 0 && missing.length === 0)) return null;
  const name = (code: string) => languageName(code, entry.languageNames);
  const mayCreate = access.can('entry.create', { collection: entry.collection });
  return (
    <nav className="translation-switch" aria-label="Translations">
      <span className="translation-switch-label">Language</span>
      <ul>
        <li>
          <span className="translation-current" aria-current="page" lang={entry.lang}>
            {name(entry.lang)}
          </span>
        </li>
        {translations.map((t) => (
          <li key={t.lang}>
            <Link
              className="button button-small"
              to={editorRoute(t.id)}
              hrefLang={t.lang}
              title={`${t.title ?? t.id} (${t.id})`}
            >
              {name(t.lang)}
            </Link>
          </li>
        ))}
        {missing.map((code) => (
          <li key={code}>
            {mayCreate ? (
              <button
                type="button"
                className="button button-small button-quiet translation-missing"
                disabled={create.isPending}
                title={`Copy this entry as a draft to start the ${name(code)} version`}
                onClick={() => create.mutate(code)}
              >
                {create.isPending && create.variables === code
                  ? `Creating ${name(code)}…`
                  : `+ Create ${name(code)} translation`}
              </button>
            ) : (
              <span className="muted">No {name(code)} version</span>
            )}
          </li>
        ))}
      </ul>
      {create.isError && (
        <p className="banner banner-error" role="alert">
          The translation was not created: {describeError(create.error)}
        </p>
      )}
    </nav>
  );
}
