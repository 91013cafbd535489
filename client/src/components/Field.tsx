import type { ReactNode } from 'react';

/** Props of Field. */
export interface FieldProps {
  /** Id of the control inside; its help text gets `${id}-help` (point aria-describedby there). */
  id: string;
  label: string;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** A labelled form control with help or error text below it (explicit label: the name stays just the label). */
export function Field({ id, label, help, error, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {(error || help) && (
        <span id={`${id}-help`} className={error ? 'field-error' : 'field-help'}>
          {error ?? help}
        </span>
      )}
    </div>
  );
}
