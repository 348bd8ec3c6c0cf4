import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../api/client';

/**
 * PDF and XLSX downloads of a report: `path` is the export route with its query string, the
 * format is appended; `fileStem` names the saved file.
 */
export function ExportButtons({ path, fileStem }: { path: string; fileStem: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState('');
  const exportAs = (format: 'pdf' | 'xlsx') =>
    download(`${path}&format=${format}`, `${fileStem}.${format}`).then(
      () => setFailed(''),
      () => setFailed(t('rhk.exportFailed')),
    );
  return (
    <p>
      <button type="button" onClick={() => void exportAs('pdf')}>
        {t('rhk.pdf')}
      </button>{' '}
      <button type="button" onClick={() => void exportAs('xlsx')}>
        {t('rhk.xlsx')}
      </button>{' '}
      <span role="status">{failed}</span>
    </p>
  );
}
