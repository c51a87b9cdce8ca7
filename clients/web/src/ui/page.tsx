import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../i18n';

let firstPage = true;

/**
 * A page: its title in the tab and an h1 that takes focus after a
 * navigation, so a screen reader starts reading at the new page.
 */
export function Page({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}
