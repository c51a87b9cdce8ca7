import { useState } from 'react';
import { t } from '../../i18n';
import { ClashItems } from '../doctor/availability/clash-list';
import type { Clash } from '../doctor/availability/clashes';

/**
 * A time off or closure refused because patients are booked in it: the
 * appointments, listed, and the way on that cancels them and tells each
 * patient. Cancelling takes two deliberate steps (offer, then confirm with
 * the count in the button), and "keep them" is always beside it: nothing
 * was saved, so keeping them changes nothing.
 */
export function CancelBookedOffer({
  clashes,
  what,
  busy,
  describe = (clash) => clash.patientName,
  onCancelBooked,
  onKeep,
}: {
  clashes: Clash[];
  /** What was refused: "this time off", "the closure". */
  what: string;
  busy: boolean;
  /** How one appointment's person is named (a closure adds the doctor). */
  describe?: (clash: Clash) => string;
  onCancelBooked: () => void;
  onKeep: () => void;
}) {
  const b = t.booked;
  const [confirming, setConfirming] = useState(false);
  const n = clashes.length;
  return (
    <div
      className="alert alert-info booked-offer"
      role="group"
      aria-labelledby="booked-offer-title"
      data-testid="booked-refusal"
    >
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p id="booked-offer-title">
          <strong>{b.refusedTitle(n, what)}</strong> {b.refusedIntro}
        </p>
        <ClashItems clashes={clashes.map((clash) => ({ ...clash, patientName: describe(clash) }))} />
        {confirming ? (
          <div className="booked-confirm">
            <p>
              <strong>{b.confirmTitle(n)}</strong> {b.confirmIntro}
            </p>
            <div className="actions">
              <button type="button" className="button button-danger" disabled={busy} onClick={onCancelBooked}>
                {busy ? b.cancelling : b.confirm(n, what)}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                {b.back}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)}>
              {b.offer}
            </button>
            <button type="button" className="button button-secondary" onClick={onKeep}>
              {b.keep}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
