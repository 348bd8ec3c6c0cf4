import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../lib/use-query';

/**
 * One card of a role's home: a heading with the number that matters, then the card's own
 * content once loaded; while loading, a line saying so; on failure, what to do next and a
 * retry; with nothing to show, how to get started.
 */
export function HomeCard<T>({
  title,
  query,
  total,
  empty,
  more,
  badge = true,
  children,
}: {
  title: string;
  query: Query<T>;
  /** The headline number of a loaded card (the list may show only the first few). */
  total: (data: T) => number;
  /** Shown when the total is 0: what it means and how to start. */
  empty: ReactNode;
  /** False for a card whose total is yes/no (checked in or not) rather than a count. */
  badge?: boolean;
  /** A way to the full screen, when the card shows only part. */
  more?: { label: string; onClick: () => void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const count = query.state === 'ready' ? total(query.data) : null;
  return (
    <section className="home-card" aria-label={title} aria-busy={query.state === 'loading'}>
      <h3>
        {title}
        {badge && count !== null && (
          <span className={count > 0 ? 'home-count' : 'home-count zero'}>{count}</span>
        )}
      </h3>
      {query.state === 'loading' && <p>{t('app.loading')}</p>}
      {query.state === 'failed' && (
        <p role="alert">
          {t('home.failed')}{' '}
          <button type="button" onClick={query.retry}>
            {t('home.retry')}
          </button>
        </p>
      )}
      {query.state === 'ready' &&
        (count === 0 ? <p className="empty">{empty}</p> : children(query.data))}
      {more && query.state === 'ready' && count !== 0 && (
        <button type="button" className="link" onClick={more.onClick}>
          {more.label}
        </button>
      )}
    </section>
  );
}
