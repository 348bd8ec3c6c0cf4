import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CapitalReferrals } from './CapitalReferrals';
import { CapitalWizard } from './CapitalWizard';

/** On a family's page: its capital referrals and, for its assistant, the wizard. */
export function CapitalSection({
  kpmId,
  headName,
  canManage,
}: {
  kpmId: string;
  headName: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(0);
  return (
    <section aria-label={t('capital.title')}>
      <h3>{t('capital.title')}</h3>
      {canManage && (
        <CapitalWizard kpmId={kpmId} headName={headName} onSaved={() => setSaved((n) => n + 1)} />
      )}
      <CapitalReferrals
        key={saved}
        role={canManage ? 'assistant' : 'reader'}
        query={`?kpmId=${kpmId}`}
      />
    </section>
  );
}
