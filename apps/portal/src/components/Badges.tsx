import { useTranslation } from 'react-i18next';

/** A family's flags as labelled badges (long stay, saldo nol, ready...). */
export function FlagBadges({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((flag) => (
        <span key={flag} className={`flag flag-${flag}`}>
          {t(`flags.${flag}`)}
        </span>
      ))}
    </>
  );
}
