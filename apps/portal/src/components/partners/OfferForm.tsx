import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUSINESS_KINDS } from '@jembatan/contracts/pure';
import type { OfferKind, OfferView } from '@jembatan/contracts';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';
import { DETAIL_FIELDS, detailsFrom, listOf } from './offer-fields';

const today = () => new Date().toISOString().slice(0, 10);
const OPEN_STAGES = ['active', 'potential', 'candidate'] as const;

/** A partner posts an offer of one of the kinds it may post, with its eligibility rules. */
export function OfferForm({
  kinds,
  onPosted,
}: {
  kinds: readonly OfferKind[];
  onPosted: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<OfferKind>(kinds[0]!);
  const [common, setCommon] = useState({
    title: '',
    description: '',
    capacity: '10',
    validFrom: today(),
    validUntil: '',
    regions: '',
    minBusinessMonths: '',
  });
  const [businessKinds, setBusinessKinds] = useState<string[]>([]);
  const [stages, setStages] = useState<string[]>([]);
  const [priorTraining, setPriorTraining] = useState(false);
  const [details, setDetails] = useState<Record<string, string | boolean>>({});
  const { message, run } = useApiAction(onPosted);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  function submit(event: FormEvent) {
    event.preventDefault();
    const eligibility = {
      regions: listOf(common.regions),
      ...(businessKinds.length > 0 ? { businessKinds } : {}),
      ...(common.minBusinessMonths ? { minBusinessMonths: Number(common.minBusinessMonths) } : {}),
      ...(stages.length > 0 ? { stages } : {}),
      ...(priorTraining ? { priorTraining } : {}),
    };
    void run(
      () =>
        api<OfferView>(
          '/api/offers',
          send('POST', {
            kind,
            title: common.title,
            description: common.description,
            capacity: Number(common.capacity),
            validFrom: common.validFrom,
            validUntil: common.validUntil,
            eligibility,
            details: detailsFrom(kind, details),
          }),
        ),
      t('offers.posted'),
    );
  }
  const input = (name: keyof typeof common, type = 'text') => (
    <label key={name}>
      {t(`offers.${name}`)}
      <input
        name={name}
        type={type}
        value={common[name]}
        onChange={(e) => setCommon({ ...common, [name]: e.target.value })}
        required={!['description', 'minBusinessMonths'].includes(name)}
      />
    </label>
  );
  return (
    <form onSubmit={submit} aria-label={t('offers.post')}>
      <h3>{t('offers.post')}</h3>
      <label>
        {t('offers.kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as OfferKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`offerKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {input('title')}
      {input('description')}
      {input('capacity', 'number')}
      {input('validFrom', 'date')}
      {input('validUntil', 'date')}
      {input('regions')}
      {input('minBusinessMonths', 'number')}
      <fieldset>
        <legend>{t('offers.businessKinds')}</legend>
        {BUSINESS_KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={businessKinds.includes(k)}
              onChange={() => setBusinessKinds(toggle(businessKinds, k))}
            />
            {t(`businessKinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('offers.stages')}</legend>
        {OPEN_STAGES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={stages.includes(s)}
              onChange={() => setStages(toggle(stages, s))}
            />
            {t(`stages.${s}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={priorTraining}
          onChange={(e) => setPriorTraining(e.target.checked)}
        />
        {t('offers.priorTraining')}
      </label>
      <fieldset>
        <legend>{t(`offerKinds.${kind}`)}</legend>
        {DETAIL_FIELDS[kind].map((field) => (
          <label key={`${kind}.${field.name}`}>
            {t(`offerFields.${field.name}`)}
            {field.type === 'select' ? (
              <select
                name={field.name}
                value={String(details[field.name] ?? field.options![0])}
                onChange={(e) => setDetails({ ...details, [field.name]: e.target.value })}
              >
                {field.options!.map((option) => (
                  <option key={option} value={option}>
                    {t(`offerOptions.${option}`)}
                  </option>
                ))}
              </select>
            ) : field.type === 'checkbox' ? (
              <input
                name={field.name}
                type="checkbox"
                checked={details[field.name] === true}
                onChange={(e) => setDetails({ ...details, [field.name]: e.target.checked })}
              />
            ) : (
              <input
                name={field.name}
                type={field.type === 'list' ? 'text' : field.type}
                required={field.required}
                value={String(details[field.name] ?? '')}
                onChange={(e) => setDetails({ ...details, [field.name]: e.target.value })}
              />
            )}
          </label>
        ))}
      </fieldset>
      <button type="submit">{t('offers.submit')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
