import { useEffect, useState, type InputHTMLAttributes } from 'react';

/** Props of DebouncedInput. */
export interface DebouncedInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
> {
  value: string;
  onCommit: (value: string) => void;
  delay?: number;
}

/** A text input that reports its value once typing pauses, and follows outside changes of `value`. */
export function DebouncedInput({ value, onCommit, delay = 250, ...rest }: DebouncedInputProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  // An outside change (Clear filters, back button) replaces the text; our own commits coming back do not.
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }
  useEffect(() => {
    if (text.trim() === sent.trim()) return;
    const timer = window.setTimeout(() => {
      setSent(text);
      onCommit(text.trim());
    }, delay);
    return () => window.clearTimeout(timer);
  }, [text, sent, delay, onCommit]);
  return <input {...rest} value={text} onChange={(event) => setText(event.target.value)} />;
}
