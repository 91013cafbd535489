import {
  mutationOptions,
  useMutation,
  useMutationState,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { describeError } from '../api/ApiError.ts';
import type { EntrySummary, WriteResult } from '../../../shared/api/contract.ts';
import { patchEntry } from '../api/endpoints.ts';
import { invalidateAfterCommit, updateEntryInLists } from '../api/entryCache.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { showToast } from '../lib/toasts.ts';

/** What one toggle asks for. */
export interface ToggleVariables {
  id: string;
  title: string;
  /** The boolean key, and what the list calls it. */
  flag: string;
  label: string;
  value: boolean;
  /** Set when this toggle undoes the one before (its toast offers no Undo again). */
  undo?: boolean;
}

/** A row's latest toggle: pending, or its result. */
export interface ToggleState {
  flag: string;
  status: 'pending' | 'success' | 'error' | 'idle';
  message: string | null;
  at: number;
}

const toggleKey = (id: string) => ['toggle', id] as const;

/** One-click flag toggle: PATCH without baseOid (field-level), optimistic, rolled back with a reason on failure. */
export function useToggleFlag(id: string) {
  const queryClient = useQueryClient();
  return useMutation(toggleOptions(queryClient, id));
}

/** Runs a toggle of row `id` outside any row (the row may have scrolled out of the virtual list). */
export function runToggle(queryClient: QueryClient, vars: ToggleVariables): void {
  void queryClient
    .getMutationCache()
    .build(queryClient, toggleOptions(queryClient, vars.id))
    .execute(vars)
    .catch(() => undefined); // the row shows the error
}

function toggleOptions(queryClient: QueryClient, id: string) {
  return mutationOptions<WriteResult, Error, ToggleVariables>({
    mutationKey: toggleKey(id),
    mutationFn: ({ flag, label, value, title }: ToggleVariables) =>
      patchEntry(id, { set: { [flag]: value }, message: flagMessage(flag, label, value, title) }),
    // Callbacks live in the mutation options, not in mutate(), so they run even when the virtual row scrolled away.
    onMutate: async ({ flag, value }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.entriesAll });
      updateEntryInLists(queryClient, id, (row) => withFlag(row, flag, value));
    },
    onError: (_err, { flag, value }) => {
      updateEntryInLists(queryClient, id, (row) => withFlag(row, flag, !value));
    },
    onSuccess: (result, vars) => {
      if (result.oid)
        updateEntryInLists(queryClient, id, (row) => ({ ...row, oid: result.oid ?? row.oid }));
      invalidateAfterCommit(queryClient, id);
      // Undo is a second commit that flips the flag back (history keeps both).
      const done = `${flagDone(vars.flag, vars.label, vars.value)} “${vars.title}”.`;
      showToast(
        vars.undo
          ? { text: `Undone. ${done}` }
          : {
              text: done,
              action: {
                label: 'Undo',
                run: () => runToggle(queryClient, { ...vars, value: !vars.value, undo: true }),
              },
            },
      );
    },
  });
}

/** The latest toggle of row `id`, kept in the mutation cache so it survives the row being virtualized away. */
export function useRowToggleState(id: string): ToggleState | null {
  const states = useMutationState({
    filters: { mutationKey: toggleKey(id) },
    select: (mutation) => {
      const vars = mutation.state.variables as ToggleVariables | undefined;
      const { status, error, submittedAt } = mutation.state;
      if (!vars) return null;
      const message =
        status === 'error'
          ? `Could not ${flagVerb(vars.flag, vars.label, vars.value).toLowerCase()} this post: ${describeError(error)} The switch shows the saved state again.`
          : null;
      return { flag: vars.flag, status, message, at: submittedAt } satisfies ToggleState;
    },
  });
  return states.at(-1) ?? null;
}

/** A row with flag `flag` on or off (Hugo's draft is also the row's own field). */
function withFlag(row: EntrySummary, flag: string, value: boolean): EntrySummary {
  const flags = row.flags.filter((name) => name !== flag);
  if (value) flags.push(flag);
  return { ...row, flags, ...(flag === 'draft' ? { draft: value } : {}) };
}

/** Human verb for a toggle, used in errors ("Publish", "Mark as featured"). */
export function flagVerb(flag: string, label: string, value: boolean): string {
  if (flag === 'draft') return value ? 'Unpublish' : 'Publish';
  return value ? `Mark as ${label.toLowerCase()}` : `Unmark as ${label.toLowerCase()}`;
}

/** The commit message of a toggle (`Publish "Title"`, `Mark "Title" as featured`). */
export function flagMessage(flag: string, label: string, value: boolean, title: string): string {
  if (flag === 'draft') return `${flagVerb(flag, label, value)} "${title}"`;
  return `Mark "${title}" as ${value ? '' : 'not '}${label.toLowerCase()}`;
}

/** What a toggle did, for its toast ("Published", "Marked as pinned"). */
export function flagDone(flag: string, label: string, value: boolean): string {
  if (flag === 'draft') return value ? 'Unpublished' : 'Published';
  return `Marked as ${value ? '' : 'not '}${label.toLowerCase()}:`;
}
