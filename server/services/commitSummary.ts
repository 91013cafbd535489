import type { CommitSummary } from '../../shared/api/contract.ts';
import type { CommitInfo } from '../git/commitParser.ts';
import { signatureDate } from '../git/commitParser.ts';

/** The API view of a commit in a history list. */
export function toCommitSummary(commit: CommitInfo): CommitSummary {
  return {
    commit: commit.oid,
    message: commit.message.replace(/\s+$/, ''),
    author: { name: commit.author.name, email: commit.author.email },
    date: signatureDate(commit.author),
  };
}
