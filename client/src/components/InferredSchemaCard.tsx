import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError, isApiError } from '../api/ApiError.ts';
import { getInferredSchema, writeInferredSchema } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { shortOid } from '../lib/format.ts';
import { showToast } from '../lib/toasts.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorState, Loading } from './StatusMessage.tsx';

/** The commit message the server gives the written schema (InferredSchemaWriter). */
const COMMIT_MESSAGE = 'Write the inferred schema to folio.yml';

/** Props of InferredSchemaCard. */
export interface InferredSchemaCardProps {
  /** The file the site's schema is declared in, or null when nothing is declared. */
  source: string | null;
}

/**
 * Settings -> Schema: with nothing declared, the folio.yml Folio infers and a button that
 * commits it (after a confirmation naming the file and the commit); with a declared schema, why
 * there is nothing to write.
 */
export function InferredSchemaCard({ source }: InferredSchemaCardProps) {
  return (
    <section className="settings-card" aria-labelledby="schema-inferred">
      <h2 id="schema-inferred">Inferred schema</h2>
      {source ? (
        <p className="muted">
          The site declares its schema in <code>{source}</code>, so Folio infers nothing and writes
          no folio.yml over it. Edit <code>{source}</code> to change the collections and fields.
        </p>
      ) : (
        <InferredSchemaWriter />
      )}
    </section>
  );
}

function InferredSchemaWriter() {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const inferred = useQuery({ queryKey: queryKeys.inferredSchema, queryFn: getInferredSchema });
  const write = useMutation({
    mutationFn: writeInferredSchema,
    onSuccess: async (result) => {
      invalidateAfterCommit(queryClient);
      await queryClient.invalidateQueries({ queryKey: queryKeys.schema });
      setAsking(false);
      showToast({
        text: result.commit
          ? `Wrote ${result.id} in commit ${shortOid(result.commit)}. Folio now reads the schema from it.`
          : `Wrote ${result.id}.`,
      });
    },
    onError: (error) => {
      // Someone declared a schema meanwhile: the page shows theirs once reloaded.
      if (isApiError(error, 'conflict'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.schema });
    },
  });
  if (inferred.isPending) return <Loading what="the inferred schema" />;
  if (inferred.isError)
    return (
      <ErrorState
        title="The inferred schema could not be loaded"
        error={inferred.error}
        onRetry={() => void inferred.refetch()}
      />
    );
  const { path, text } = inferred.data;
  return (
    <>
      <p>
        This is what Folio infers from the content folders, their posts and the archetypes. Write it
        to <code>{path}</code> to refine it there: labels, hints, required fields, options and
        defaults.
      </p>
      <pre className="schema-yaml" tabIndex={0} aria-label={`The ${path} Folio would write`}>
        {text}
      </pre>
      <div className="settings-actions">
        <button type="button" className="button button-primary" onClick={() => setAsking(true)}>
          Write to {path}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={`Write ${path}?`}
        confirmLabel={write.isPending ? 'Writing…' : `Write ${path}`}
        busy={write.isPending}
        onConfirm={() => write.mutate()}
        onCancel={() => {
          setAsking(false);
          write.reset();
        }}
      >
        <p>
          Folio adds <code>{path}</code> at the root of the repository, with the text shown, in one
          commit “{COMMIT_MESSAGE}” authored by you.
        </p>
        <p>
          From then on Folio reads the collections and fields from that file instead of guessing
          them, and checks every save against it. The commit can be reverted like any other.
        </p>
        {write.isPending && (
          <p role="status" className="muted">
            Writing {path}…
          </p>
        )}
        {write.isError && (
          <p className="form-error" role="alert">
            Could not write {path}: {describeError(write.error)}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
