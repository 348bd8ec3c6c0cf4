import { useTranslation } from 'react-i18next';
import type { FitReason } from '@jembatan/contracts';

/** Why an offer and a family fit or not, one line per rule or factor, unmet rules first. */
export function FitReasons({ reasons }: { reasons: FitReason[] }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID');
  // Rupiah and month counts in the reader's format: Rp 4.000.000.
  const formatted = (params: FitReason['params']) =>
    Object.fromEntries(
      Object.entries(params).map(([key, value]) => [
        key,
        typeof value === 'number' ? number.format(value) : value,
      ]),
    );
  const ordered = [...reasons].sort((a, b) => Number(a.met) - Number(b.met));
  return (
    <ul className="fit-reasons">
      {ordered.map((reason) => (
        <li key={reason.code} className={reason.met ? 'met' : reason.blocking ? 'failed' : 'weak'}>
          {reason.met ? '✓' : reason.blocking ? '✗' : '–'}{' '}
          {t(`fit.${reason.code}.${reason.met ? 'met' : 'unmet'}`, {
            ...formatted(reason.params),
            need: reason.params.need ? t(`needs.${String(reason.params.need)}`) : '',
            distance: reason.params.distance
              ? t(`distances.${String(reason.params.distance)}`)
              : '',
          })}
        </li>
      ))}
    </ul>
  );
}
