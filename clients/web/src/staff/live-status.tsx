import { t } from '../i18n';

/** Whether the page on screen is live, and the way back when it is not. */
export function LiveStatus({ stopped, reconnect }: { stopped: boolean; reconnect: () => void }) {
  if (stopped)
    return (
      <p className="live-status live-stopped" role="status">
        {t.staff.liveStopped}{' '}
        <button type="button" className="button button-secondary" onClick={reconnect}>
          {t.staff.reconnect}
        </button>
      </p>
    );
  return (
    <p className="live-status" data-testid="live-status">
      <span className="live-dot" aria-hidden="true" /> {t.staff.live}
    </p>
  );
}
