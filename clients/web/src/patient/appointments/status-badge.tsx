import { t } from '../../i18n';

/** A status in words (the colour only repeats it). */
export function StatusBadge({ status, kind = 'appointment' }: { status: string; kind?: 'appointment' | 'invoice' }) {
  const text = kind === 'invoice' ? t.invoiceStatus[status] : t.status[status];
  return <span className={`badge badge-${status.toLowerCase()}`}>{text ?? status}</span>;
}
