import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS } from '@jembatan/contracts/pure';

/** The kinds of partner, labelled in the reader's language; `anyLabel` adds an "all" choice. */
export function PartnerKindSelect(props: {
  value: string;
  onChange: (kind: string) => void;
  anyLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('partners.fields.kind')}
      <select name="kind" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {PARTNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`partnerKinds.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
