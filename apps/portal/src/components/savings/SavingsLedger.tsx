import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavingsEntryView, SavingsLedgerView } from '@jembatan/contracts';
import { api } from '../../api/client';
import { rupiah } from '../../lib/format';
import { send, useApiAction } from '../../lib/use-api-action';
import { SavingsEntryForm } from './SavingsEntryForm';

/**
 * One group's savings ledger: balance, each member's savings and the common fund, then the
 * lines newest first with who wrote them. The treasurer (`writable`) records and reverses;
 * everyone else reads.
 */
export function SavingsLedger({
  path,
  writable,
  manage,
}: {
  path: string;
  writable: boolean;
  /** What a reader may do with the group (register its treasurer), given the ledger and a reload. */
  manage?: (ledger: SavingsLedgerView, reload: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [ledger, setLedger] = useState<SavingsLedgerView | null>(null);
  const [older, setOlder] = useState<SavingsEntryView[]>([]);
  const [reload, setReload] = useState(0);
  const reloadLedger = useCallback(() => setReload((n) => n + 1), []);
  useEffect(() => {
    setOlder([]);
    api<SavingsLedgerView>(path).then(setLedger, () => setLedger(null));
  }, [path, reload]);
  if (ledger === null) return null;
  const nextBefore = older.length > 0 ? older[older.length - 1]!.seq : ledger.nextBefore;
  const loadOlder = async () => {
    const page = await api<SavingsLedgerView>(
      `${path}${path.includes('?') ? '&' : '?'}before=${nextBefore}`,
    );
    setOlder((lines) => [...lines, ...page.items]);
  };
  const lines = [...ledger.items, ...older];
  const hasOlder = lines.length > 0 && lines[lines.length - 1]!.seq > 1;
  return (
    <section aria-label={t('savings.ledgerOf', { name: ledger.name })}>
      <h3>{t('savings.ledgerOf', { name: ledger.name })}</h3>
      <p>
        {t('savings.treasurer')}: {ledger.treasurer?.headName ?? t('savings.noTreasurer')}
      </p>
      {manage?.(ledger, reloadLedger)}
      <dl className="figures">
        <dt>{t('savings.balance')}</dt>
        <dd>{rupiah(ledger.balance)}</dd>
        <dt>{t('savings.commonFund')}</dt>
        <dd>{rupiah(ledger.commonFund)}</dd>
      </dl>
      <table aria-label={t('savings.members')}>
        <thead>
          <tr>
            <th>{t('savings.member')}</th>
            <th>{t('savings.saved')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.members.map((m) => (
            <tr key={m.kpmId}>
              <td>{m.headName}</td>
              <td>{rupiah(m.balance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {writable && <SavingsEntryForm members={ledger.members} onSaved={reloadLedger} />}
      <table aria-label={t('savings.lines')}>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('savings.occurredOn')}</th>
            <th>{t('savings.kind')}</th>
            <th>{t('savings.member')}</th>
            <th>{t('savings.amount')}</th>
            <th>{t('savings.balanceAfter')}</th>
            <th>{t('savings.recordedBy')}</th>
            <th>{t('savings.note')}</th>
            {writable && <th />}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <LedgerLine key={line.id} line={line} writable={writable} onReversed={reloadLedger} />
          ))}
        </tbody>
      </table>
      {lines.length === 0 && <p>{t('savings.empty')}</p>}
      {hasOlder && nextBefore !== null && (
        <button type="button" onClick={() => void loadOlder()}>
          {t('savings.older')}
        </button>
      )}
    </section>
  );
}

function LedgerLine({
  line,
  writable,
  onReversed,
}: {
  line: SavingsEntryView;
  writable: boolean;
  onReversed: () => void;
}) {
  const { t } = useTranslation();
  const { message, run } = useApiAction(onReversed);
  const [reason, setReason] = useState('');
  const reversible = writable && line.kind !== 'reversal' && line.reversedBy === null;
  return (
    <tr className={line.reversedBy ? 'reversed' : undefined}>
      <td>{line.seq}</td>
      <td>{line.occurredOn}</td>
      <td>{t(`savings.kinds.${line.kind}`)}</td>
      <td>{line.memberName ?? t('savings.commonFund')}</td>
      <td>{rupiah(line.amount)}</td>
      <td>{rupiah(line.balanceAfter)}</td>
      <td>{line.recordedByName}</td>
      <td>
        {line.note}
        {line.reversedBy && ` (${t('savings.wasReversed')})`}
      </td>
      {writable && (
        <td>
          {reversible && (
            <>
              <input
                aria-label={t('savings.reverseReason', { seq: line.seq })}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <button
                type="button"
                onClick={() =>
                  void run(
                    () => api(`/api/savings/entries/${line.id}/reversal`, send('POST', { reason })),
                    t('savings.reversed'),
                  )
                }
              >
                {t('savings.reverse', { seq: line.seq })}
              </button>
            </>
          )}
          {message && <span role="status">{message}</span>}
        </td>
      )}
    </tr>
  );
}
