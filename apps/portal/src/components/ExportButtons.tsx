import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../api/client';

/**
 * PDF and XLSX downloads of a report: `path` is the export route with its query string, the
 * format is appended; `fileStem` names the saved file. A region's report takes seconds to
 * build: while it does, the buttons wait and say so; a failure says what to try.
 */
export function ExportButtons({ path, fileStem }: { path: string; fileStem: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const exportAs = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setStatus(t('rhk.preparing', { format: format.toUpperCase() }));
    try {
      await download(`${path}&format=${format}`, `${fileStem}.${format}`);
      setStatus(t('rhk.downloaded', { format: format.toUpperCase() }));
    } catch {
      setStatus(t('rhk.exportFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <p aria-busy={busy !== null}>
      <button type="button" disabled={busy !== null} onClick={() => void exportAs('pdf')}>
        {t('rhk.pdf')}
      </button>{' '}
      <button type="button" disabled={busy !== null} onClick={() => void exportAs('xlsx')}>
        {t('rhk.xlsx')}
      </button>{' '}
      <span role="status">{status}</span>
    </p>
  );
}
