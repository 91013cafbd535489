/** Commit message templates; an editor's own message replaces them. */
export const commitMessages = {
  create: (title: string) => `Create "${title}"`,
  update: (title: string) => `Update "${title}"`,
  delete: (title: string) => `Delete "${title}"`,
  move: (title: string, to: string) => `Move "${title}" to ${to}`,
  bundle: (title: string) => `Make "${title}" a page bundle`,
  restore: (title: string, commit: string) => `Restore "${title}" to ${commit.slice(0, 7)}`,
  outsideEdit: (title: string, who: string) =>
    `Commit outside edit to "${title}"\n\nThis edit was made in the working tree outside Folio. ${who} committed it\nas found, from Folio's editor.`,
};

/** The editor's message when they wrote one, the template otherwise. */
export function chooseMessage(custom: string | undefined, template: string): string {
  return custom?.trim() ? custom : template;
}

/** A title for messages: the front matter title on one line, or the slug. */
export function messageTitle(title: unknown, fallback: string): string {
  const text = typeof title === 'string' || typeof title === 'number' ? String(title) : '';
  const line = text.replace(/\s+/g, ' ').trim();
  return (line.length > 100 ? `${line.slice(0, 99)}…` : line) || fallback;
}
