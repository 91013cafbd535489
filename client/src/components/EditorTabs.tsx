import type { KeyboardEvent } from 'react';

/** The panes of the editor on a narrow screen. */
export type EditorTab = 'fields' | 'body' | 'preview';

const TABS: { tab: EditorTab; label: string }[] = [
  { tab: 'fields', label: 'Fields' },
  { tab: 'body', label: 'Body' },
  { tab: 'preview', label: 'Preview' },
];

/** Props of EditorTabs. */
export interface EditorTabsProps {
  /** Prefix of the ids: tabs are `${id}-tab-<tab>`, panels `${id}-panel-<tab>`. */
  id: string;
  current: EditorTab;
  onChange: (tab: EditorTab) => void;
}

/** Fields / Body / Preview tabs of the editor on a phone (WAI-ARIA tabs: arrow keys move between them). */
export function EditorTabs({ id, current, onChange }: EditorTabsProps) {
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.tab === current);
    const next = TABS[(index + step + TABS.length) % TABS.length]!.tab;
    onChange(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <div className="editor-tabs" role="tablist" aria-label="Editor panes" onKeyDown={handleKeyDown}>
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          id={`${id}-tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={current === tab}
          aria-controls={`${id}-panel-${tab === 'preview' ? 'body' : tab}`}
          tabIndex={current === tab ? 0 : -1}
          className="editor-tab"
          onClick={() => onChange(tab)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
