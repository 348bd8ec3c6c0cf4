import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { outbox, startSync, useOutbox } from '../offline/sync';

/**
 * The sync state in the header: what was recorded without a connection and still waits, what
 * the gateway refused (with why, to redo or discard), and a way to send now.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const items = useOutbox();
  useEffect(() => startSync(), []);
  const waiting = items.filter((item) => !item.refusal);
  const refused = items.filter((item) => item.refusal);
  return (
    <div className="sync" role="status" aria-live="polite">
      {items.length === 0 ? (
        <span>{t('offline.allSent')}</span>
      ) : (
        <>
          {waiting.length > 0 && (
            <>
              <span>{t('offline.waiting', { count: waiting.length })}</span>{' '}
              <button type="button" onClick={() => void outbox.flush()}>
                {t('offline.sendNow')}
              </button>
            </>
          )}
          {refused.length > 0 && (
            <ul>
              {refused.map((item) => (
                <li key={item.key}>
                  {t('offline.refused', { what: item.label })}: {item.refusal}{' '}
                  <button type="button" onClick={() => outbox.discard(item.key)}>
                    {t('offline.discard')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
