import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpmView } from '@jembatan/contracts';
import { ApiError, api } from '../api/client';

const FIELDS = ['headName', 'nik', 'phone', 'villageCode', 'address', 'pkhEntryYear'] as const;
type Field = (typeof FIELDS)[number];

export function RegisterKpmPage({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({
    headName: '',
    nik: '',
    phone: '',
    villageCode: '',
    address: '',
    pkhEntryYear: String(new Date().getFullYear()),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  // One key per form fill: a retry after a timeout registers the family once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const kpm = await api<KpmView>('/api/kpm', {
        method: 'POST',
        idempotencyKey,
        body: JSON.stringify({
          ...values,
          phone: values.phone || undefined,
          pkhEntryYear: Number(values.pkhEntryYear),
        }),
      });
      setMessage(t('kpm.saved', { name: kpm.headName }));
      setIdempotencyKey(crypto.randomUUID());
      onRegistered();
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(Object.fromEntries(error.fields.map((field) => [field.path, field.message])));
      } else {
        setMessage(
          error instanceof ApiError && error.body.statusCode === 504
            ? t('errors.timeout')
            : t('errors.generic'),
        );
      }
    }
  }

  return (
    <form onSubmit={submit}>
      <h2>{t('nav.register')}</h2>
      {FIELDS.map((field) => (
        <label key={field}>
          {t(`kpm.${field}`)}
          <input
            name={field}
            value={values[field]}
            aria-invalid={Boolean(errors[field])}
            aria-describedby={errors[field] ? `${field}-error` : undefined}
            onChange={(e) => setValues({ ...values, [field]: e.target.value })}
          />
          {errors[field] && (
            <span id={`${field}-error`} role="alert">
              {errors[field]}
            </span>
          )}
        </label>
      ))}
      <button type="submit">{t('kpm.submit')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
