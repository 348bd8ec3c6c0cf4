import { useTranslation } from 'react-i18next';

/** The 6-digit code of an authenticator app: at sign-in and when turning the factor on or off. */
export function TotpCodeField({
  value,
  onChange,
}: {
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('login.totpCode')}
      <input
        name="totpCode"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        required
      />
    </label>
  );
}
