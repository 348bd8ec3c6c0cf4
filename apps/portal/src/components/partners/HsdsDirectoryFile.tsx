import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HsdsImportReport } from '@jembatan/contracts';
import { download, upload } from '../../api/client';
import { useApiAction } from '../../lib/use-api-action';

/**
 * The directory as an Open Referral HSDS 3.0 file: coordinators and the Dinas download it
 * for other directories; the Dinas imports one, and its partners join the verification queue.
 */
export function HsdsDirectoryFile({
  canImport,
  onImported,
}: {
  canImport: boolean;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const [report, setReport] = useState<HsdsImportReport | null>(null);
  const { message, run } = useApiAction(onImported);
  const day = new Date().toISOString().slice(0, 10);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    const result = await run(
      () => upload<HsdsImportReport>('/api/directory/hsds', file, 'application/json'),
      t('hsds.imported'),
    );
    if (result) setReport(result);
  };
  const refused = report ? [...report.organizations.rejected, ...report.services.rejected] : [];
  return (
    <fieldset>
      <legend>{t('hsds.title')}</legend>
      <p>{t('hsds.help')}</p>
      <button
        type="button"
        onClick={() =>
          void run(() => download('/api/directory/hsds', `direktori-hsds-${day}.json`))
        }
      >
        {t('hsds.download')}
      </button>
      {canImport && (
        <label>
          {t('hsds.import')}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </label>
      )}
      {message && <p role="status">{message}</p>}
      {report && (
        <div>
          <p>
            {t('hsds.report', {
              organizations: report.organizations.created,
              services: report.services.created,
              skipped: report.organizations.skipped.length + report.services.skipped.length,
              rejected: refused.length,
            })}
          </p>
          {refused.length > 0 && (
            <ul>
              {refused.map((issue) => (
                <li key={issue.path}>
                  <strong>{issue.name}</strong> ({issue.path}): {issue.reason}
                  {issue.fields?.map((field) => ` · ${field.path} ${field.message}`).join('')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
