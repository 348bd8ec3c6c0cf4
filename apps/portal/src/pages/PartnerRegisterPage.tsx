import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_SUBTYPES } from '@jembatan/contracts/pure';
import type { PartnerKind } from '@jembatan/contracts';
import { api } from '../api/client';
import { listOf } from '../components/partners/offer-fields';
import { PartnerKindSelect } from '../components/partners/PartnerKindSelect';
import { send, useApiAction } from '../lib/use-api-action';

/** Public: an organisation or person registers as a partner; the Dinas verifies it later. */
export function PartnerRegisterPage({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    username: '',
    password: '',
    name: '',
    kind: 'lender' as PartnerKind,
    subtype: '',
    description: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    serviceArea: '',
    address: '',
    villageCode: '',
    lat: '',
    lng: '',
  });
  const [done, setDone] = useState(false);
  const { message, run } = useApiAction(() => setDone(true));
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const profile = {
      name: form.name,
      kind: form.kind,
      ...(form.subtype ? { subtype: form.subtype } : {}),
      description: form.description,
      contacts: [
        {
          name: form.contactName,
          ...(form.contactPhone ? { phone: form.contactPhone } : {}),
          ...(form.contactEmail ? { email: form.contactEmail } : {}),
        },
      ],
      serviceArea: listOf(form.serviceArea),
      location: {
        address: form.address,
        villageCode: form.villageCode,
        ...(form.lat && form.lng ? { lat: Number(form.lat), lng: Number(form.lng) } : {}),
      },
    };
    void run(
      () =>
        api(
          '/api/partners/register',
          send('POST', { username: form.username, password: form.password, profile }),
        ),
      t('partners.registered'),
    );
  }
  const field = (name: keyof typeof form, type = 'text', required = true) => (
    <label>
      {t(`partners.fields.${name}`)}
      <input
        name={name}
        type={type}
        step={type === 'number' ? 'any' : undefined}
        value={form[name]}
        onChange={set(name)}
        required={required}
      />
    </label>
  );
  return (
    <form onSubmit={submit} aria-labelledby="partner-register-title">
      <h2 id="partner-register-title">{t('partners.register')}</h2>
      {done ? (
        <p role="status">{message}</p>
      ) : (
        <>
          {field('username')}
          {field('password', 'password')}
          {field('name')}
          <PartnerKindSelect
            value={form.kind}
            onChange={(kind) => setForm({ ...form, kind: kind as PartnerKind, subtype: '' })}
          />
          {PARTNER_SUBTYPES[form.kind] && (
            <label>
              {t('partners.fields.subtype')}
              <select name="subtype" value={form.subtype} onChange={set('subtype')}>
                <option value="">—</option>
                {PARTNER_SUBTYPES[form.kind]!.map((s) => (
                  <option key={s} value={s}>
                    {t(`partnerSubtypes.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {field('description', 'text', false)}
          {field('contactName')}
          {field('contactPhone', 'tel', false)}
          {field('contactEmail', 'email', false)}
          {field('serviceArea')}
          {field('address')}
          {field('villageCode')}
          {field('lat', 'number', false)}
          {field('lng', 'number', false)}
          <button type="submit">{t('partners.submitRegistration')}</button>
          {message && <p role="alert">{message}</p>}
        </>
      )}
      <button type="button" onClick={onBack}>
        {t('partners.backToLogin')}
      </button>
    </form>
  );
}
