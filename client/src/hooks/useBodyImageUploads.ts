import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadResult } from '../../../shared/api/media.ts';
import { describeError } from '../api/ApiError.ts';

/** What the body editor needs to upload images: the upload itself and where the images go. */
export interface BodyImages {
  upload: (file: File) => Promise<UploadResult>;
  /** Where uploads land, for the hint ("this post's folder", "static/images/uploads/2026"). */
  destination: string;
}

/** The state of the uploads started from the body: what is under way and the last failure. */
export interface BodyUploadState {
  pending: string[];
  error: string | null;
}

/** A readable alt text from a file name ("praia-a_tarde.JPG" -> "praia a tarde"). */
export function altFromName(name: string): string {
  const stem = name.replace(/\.[^.]+$/, '');
  return stem.replace(/[-_]+/g, ' ').replace(/[[\]]/g, '').trim() || 'image';
}

/** Markdown for an uploaded image; a reference with spaces or parentheses goes inside `<...>`. */
export function imageMarkdown(alt: string, reference: string): string {
  const target = /[\s()<>]/.test(reference) ? `<${reference}>` : reference;
  return `![${alt}](${target})`;
}

let placeholderCount = 0;

/**
 * Uploads images dropped, pasted or chosen into the body: each puts a placeholder at the caret at
 * once (`![Uploading x.png…]()`), replaced by the image's Markdown when its commit is made, or
 * removed when the upload is refused (the reason is shown). Typing meanwhile is kept.
 */
export function useBodyImageUploads(
  value: string,
  onChange: (value: string) => void,
  images: BodyImages | undefined,
) {
  const valueRef = useRef(value);
  const [state, setState] = useState<BodyUploadState>({ pending: [], error: null });
  useEffect(() => {
    valueRef.current = value;
  }, [value]);

  const replace = useCallback(
    (placeholder: string, text: string) => {
      const current = valueRef.current;
      const at = current.indexOf(placeholder);
      if (at === -1) return false;
      const next = current.slice(0, at) + text + current.slice(at + placeholder.length);
      valueRef.current = next;
      onChange(next);
      return true;
    },
    [onChange],
  );

  const insertFiles = useCallback(
    (files: readonly File[], textarea: HTMLTextAreaElement | null) => {
      if (!images) return;
      const chosen = files.filter((f) => f.type.startsWith('image/') || f.type === '');
      if (chosen.length === 0) return;
      const current = valueRef.current;
      const start = textarea?.selectionStart ?? current.length;
      const end = textarea?.selectionEnd ?? start;
      const placeholders = chosen.map(
        (file) => `![Uploading ${altFromName(file.name)}… ${++placeholderCount}]()`,
      );
      const before = current.slice(0, start);
      // Images get a paragraph of their own: a blank line before them, unless one is there.
      const lead =
        before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      const inserted = `${lead}${placeholders.join('\n')}\n`;
      const next = before + inserted + current.slice(end);
      valueRef.current = next;
      onChange(next);
      setState((s) => ({ pending: [...s.pending, ...chosen.map((f) => f.name)], error: null }));
      chosen.forEach((file, i) => {
        const placeholder = placeholders[i]!;
        images
          .upload(file)
          .then((result) =>
            replace(placeholder, imageMarkdown(altFromName(file.name), result.reference)),
          )
          .catch((err: unknown) => {
            // Take out what was inserted for it (the first one also brought the blank line before).
            const inserted = [
              `${i === 0 ? lead : ''}${placeholder}\n`,
              `${placeholder}\n`,
              placeholder,
            ];
            inserted.some((text) => replace(text, ''));
            setState((s) => ({
              ...s,
              error: `${file.name} was not uploaded: ${describeError(err)}`,
            }));
          })
          .finally(() =>
            setState((s) => {
              const pending = [...s.pending];
              pending.splice(pending.indexOf(file.name), 1);
              return { ...s, pending };
            }),
          );
      });
    },
    [images, onChange, replace],
  );

  const insertText = useCallback(
    (text: string, textarea: HTMLTextAreaElement | null) => {
      const current = valueRef.current;
      const start = textarea?.selectionStart ?? current.length;
      const end = textarea?.selectionEnd ?? start;
      const before = current.slice(0, start);
      const lead =
        before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      const next = `${before}${lead}${text}\n${current.slice(end)}`;
      valueRef.current = next;
      onChange(next);
    },
    [onChange],
  );

  const handlePaste = useCallback(
    (event: React.ClipboardEvent<HTMLTextAreaElement>) => {
      const files = [...event.clipboardData.files];
      if (!images || files.length === 0) return;
      event.preventDefault();
      insertFiles(files, event.currentTarget);
    },
    [images, insertFiles],
  );

  const handleDrop = useCallback(
    (event: React.DragEvent<HTMLTextAreaElement>) => {
      const files = [...event.dataTransfer.files];
      if (!images || files.length === 0) return;
      event.preventDefault();
      insertFiles(files, event.currentTarget);
    },
    [images, insertFiles],
  );

  return { state, insertFiles, insertText, handlePaste, handleDrop };
}
