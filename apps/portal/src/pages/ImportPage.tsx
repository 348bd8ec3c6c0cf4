import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_COLUMNS, type ImportView } from '@jembatan/contracts';
import { ApiError, api, download, upload } from '../api/client';

/** CSV import of families: upload, watch it run, download the report of refused rows. */
export function ImportPage({ needsAssistant }: { needsAssistant: boolean }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [assistantId, setAssistantId] = useState('');
  const [job, setJob] = useState<ImportView | null>(null);
  const [message, setMessage] = useState('');

  // Poll while the import validates and inserts.
  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      api<ImportView>(`/api/imports/${job.id}`).then(setJob, () => undefined);
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setMessage(t('import.uploading'));
    const query = new URLSearchParams({
      fileName: file.name,
      ...(assistantId ? { assistantId } : {}),
    });
    try {
      setJob(await upload<ImportView>(`/api/imports?${query}`, file));
      setMessage('');
    } catch (error) {
      setMessage(
        error instanceof ApiError
          ? [error.message, ...error.fields.map((f) => `${f.path}: ${f.message}`)].join(' · ')
          : t('errors.generic'),
      );
    }
  }

  return (
    <section>
      <h2>{t('nav.import')}</h2>
      <p>{t('import.layout', { columns: IMPORT_COLUMNS.join(', ') })}</p>
      <form onSubmit={submit}>
        <label>
          {t('import.file')}
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        {needsAssistant && (
          <label>
            {t('kpm.assistantId')}
            <input
              name="assistantId"
              value={assistantId}
              onChange={(e) => setAssistantId(e.target.value)}
            />
          </label>
        )}
        <button type="submit" disabled={!file}>
          {t('import.submit')}
        </button>
      </form>
      {message && <p role="status">{message}</p>}
      {job && (
        <div role="status" aria-live="polite">
          <p>
            {job.fileName}: <strong>{t(`import.statuses.${job.status}`)}</strong>
          </p>
          <progress
            max={4}
            value={['receiving', 'validating', 'inserting', 'completed'].indexOf(job.status) + 1}
          />
          <ul>
            <li>{t('import.received', { count: job.rowsReceived })}</li>
            <li>{t('import.inserted', { count: job.rowsInserted })}</li>
            <li>{t('import.alreadyRegistered', { count: job.rowsAlreadyRegistered })}</li>
            <li>{t('import.invalid', { count: job.rowsInvalid })}</li>
          </ul>
          {job.failure && <p role="alert">{job.failure}</p>}
          {job.errors > 0 && (
            <button
              type="button"
              onClick={() =>
                void download(`/api/imports/${job.id}/errors.csv`, `errors-${job.fileName}`)
              }
            >
              {t('import.errorReport', { count: job.errors })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
