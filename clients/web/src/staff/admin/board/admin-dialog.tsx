import { type ReactNode, useEffect, useId, useRef } from 'react';
import { t } from '../../../i18n';

/**
 * A modal dialog on the browser's own <dialog>: it traps the focus, Escape
 * closes it, and the focus returns to the button that opened it.
 */
export function AdminDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="admin-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t.admin.close} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** A dialog form's buttons: do it, or leave without doing anything. */
export function DialogActions({
  submit,
  disabled = false,
  onCancel,
}: {
  submit: string;
  disabled?: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="actions">
      <button type="submit" className="button button-primary" disabled={disabled}>
        {submit}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t.admin.cancel}
      </button>
    </div>
  );
}
