import { useState } from 'react';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';

export interface AdminNotice {
  kind: 'error' | 'success';
  text: string;
}

/** The outcome of the last action on an admin page: shown above the content and said to screen readers. */
export function useAdminNotice() {
  const announce = useAnnounce();
  const [notice, setNotice] = useState<AdminNotice | null>(null);
  const say = (kind: AdminNotice['kind'], text: string) => {
    setNotice({ kind, text });
    announce(text);
  };
  return { notice, say, clear: () => setNotice(null) };
}

export function NoticeArea({ notice }: { notice: AdminNotice | null }) {
  return <div aria-live="polite">{notice ? <Alert kind={notice.kind}>{notice.text}</Alert> : null}</div>;
}
