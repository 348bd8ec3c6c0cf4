import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, fieldErrorsOf } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';

/**
 * The family's rights over its data: a copy of everything Jembatan holds about it (to hand
 * over), and, for those who manage the family, recording that it withdrew its consent.
 */
export function PersonalDataSection({ kpmId, canManage }: { kpmId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState(false);
  const copy = useApiAction();
  const withdrawal = useApiAction();
  const [statedBy, setStatedBy] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function exportCopy() {
    setExporting(true);
    await copy.run(
      () => download(`/api/kpm/${kpmId}/data-export`, `data-keluarga-${kpmId}.json`),
      t('personalData.exported'),
    );
    setExporting(false);
  }

  async function withdraw(event: FormEvent) {
    event.preventDefault();
    const done = await withdrawal.run(async () => {
      try {
        return await api(
          `/api/kpm/${kpmId}/consent-withdrawal`,
          send('POST', { statedBy, reason }),
        );
      } catch (error) {
        setErrors(fieldErrorsOf(error));
        throw error;
      }
    }, t('personalData.withdrawn'));
    if (done) {
      setErrors({});
      setStatedBy('');
      setReason('');
    }
  }

  return (
    <section aria-labelledby="personal-data">
      <h3 id="personal-data">{t('personalData.title')}</h3>
      <p>{t('personalData.help')}</p>
      <button type="button" onClick={() => void exportCopy()} disabled={exporting}>
        {exporting ? t('personalData.exporting') : t('personalData.export')}
      </button>
      {copy.message && <p role="status">{copy.message}</p>}
      {canManage && (
        <form onSubmit={withdraw} aria-label={t('personalData.withdrawTitle')}>
          <h4>{t('personalData.withdrawTitle')}</h4>
          <p>{t('personalData.withdrawHelp')}</p>
          <label>
            {t('personalData.statedBy')}
            <input value={statedBy} onChange={(e) => setStatedBy(e.target.value)} />
            {errors.statedBy && <span role="alert">{errors.statedBy}</span>}
          </label>
          <label>
            {t('personalData.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            {errors.reason && <span role="alert">{errors.reason}</span>}
          </label>
          <button type="submit">{t('personalData.withdraw')}</button>
          {withdrawal.message && <p role="status">{withdrawal.message}</p>}
        </form>
      )}
    </section>
  );
}
