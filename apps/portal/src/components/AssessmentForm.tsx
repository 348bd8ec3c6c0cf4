import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BusinessV1,
  SocioEconomicV1,
  type InstrumentName,
  type Readiness,
} from '@jembatan/contracts';
import { api, fieldErrorsOf } from '../api/client';

type FieldSpec =
  | { path: string; kind: 'number' | 'text' | 'date' | 'list' | 'boolean' }
  | { path: string; kind: 'select' | 'multi'; options: readonly string[] };

const housing = SocioEconomicV1.shape.housing.shape;

/**
 * The questions of each instrument (v1), in the order an assistant asks them at a home visit;
 * the choices come from the instrument's own schema.
 */
const FORMS: Record<InstrumentName, FieldSpec[]> = {
  'socio-economic': [
    { path: 'monthlyIncome', kind: 'number' },
    { path: 'incomeSources', kind: 'number' },
    { path: 'monthlySpending', kind: 'number' },
    { path: 'mealsPerDay', kind: 'number' },
    { path: 'savings', kind: 'number' },
    { path: 'housing.tenure', kind: 'select', options: housing.tenure.options },
    { path: 'housing.floor', kind: 'select', options: housing.floor.options },
    { path: 'housing.cleanWater', kind: 'boolean' },
    { path: 'housing.sanitation', kind: 'boolean' },
    { path: 'housing.electricity', kind: 'boolean' },
    { path: 'assets', kind: 'multi', options: SocioEconomicV1.shape.assets.element.options },
  ],
  business: [
    { path: 'kind', kind: 'select', options: BusinessV1.shape.kind.options },
    { path: 'description', kind: 'text' },
    { path: 'startedOn', kind: 'date' },
    { path: 'monthlyRevenue', kind: 'number' },
    { path: 'monthlyCosts', kind: 'number' },
    { path: 'keepsBooks', kind: 'boolean' },
    { path: 'workers', kind: 'number' },
  ],
  strengths: [
    { path: 'skills', kind: 'list' },
    { path: 'resources', kind: 'list' },
    { path: 'motivation', kind: 'select', options: ['1', '2', '3', '4', '5'] },
    { path: 'supportNetwork', kind: 'list' },
  ],
  needs: [
    { path: 'capital.needed', kind: 'boolean' },
    { path: 'capital.amount', kind: 'number' },
    { path: 'training.needed', kind: 'boolean' },
    { path: 'training.topics', kind: 'list' },
    { path: 'market.needed', kind: 'boolean' },
    { path: 'market.channels', kind: 'list' },
    { path: 'tutor.needed', kind: 'boolean' },
  ],
};

const today = () => new Date().toISOString().slice(0, 10);

function initial(spec: FieldSpec): unknown {
  if (spec.kind === 'boolean') return false;
  if (spec.kind === 'multi') return [];
  if (spec.kind === 'select') return spec.options[0];
  return '';
}

/** Builds the nested answers object the contract expects from the flat form values. */
function answersFrom(specs: FieldSpec[], values: Record<string, unknown>) {
  const answers: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = values[spec.path];
    let value: unknown = raw;
    if (spec.kind === 'number') value = raw === '' ? undefined : Number(raw);
    if (spec.kind === 'list')
      value = String(raw)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    if (spec.path === 'motivation') value = Number(raw);
    if (value === undefined) continue;
    const parts = spec.path.split('.');
    let target = answers;
    for (const part of parts.slice(0, -1))
      target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts.at(-1)!] = value;
  }
  return answers;
}

/** Records one assessment; the new readiness comes back with the answer. */
export function AssessmentForm({
  kpmId,
  onRecorded,
}: {
  kpmId: string;
  onRecorded: (readiness: Readiness) => void;
}) {
  const { t } = useTranslation();
  const [instrument, setInstrument] = useState<InstrumentName>('socio-economic');
  const specs = FORMS[instrument];
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(FORMS['socio-economic'].map((spec) => [spec.path, initial(spec)])),
  );
  const [assessedOn, setAssessedOn] = useState(today);
  const [verified, setVerified] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');

  function choose(next: InstrumentName) {
    setInstrument(next);
    setValues(Object.fromEntries(FORMS[next].map((spec) => [spec.path, initial(spec)])));
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const result = await api<{ readiness: Readiness }>(`/api/kpm/${kpmId}/assessments`, {
        method: 'POST',
        body: JSON.stringify({
          instrument,
          version: 1,
          assessedOn,
          verified,
          answers: answersFrom(specs, values),
        }),
      });
      setStatus(t('assessment.saved', { score: result.readiness.score }));
      onRecorded(result.readiness);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setStatus(t('errors.generic'));
    }
  }

  const errorOf = (path: string) => errors[`answers.${path}`];
  return (
    <form onSubmit={submit} aria-label={t('assessment.title')}>
      <h3>{t('assessment.title')}</h3>
      <label>
        {t('assessment.instrument')}
        <select
          name="instrument"
          value={instrument}
          onChange={(e) => choose(e.target.value as InstrumentName)}
        >
          {Object.keys(FORMS).map((name) => (
            <option key={name} value={name}>
              {t(`assessment.instruments.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="grid">
        {specs.map((spec) => (
          <label
            key={`${instrument}.${spec.path}`}
            className={spec.kind === 'boolean' ? 'check' : ''}
          >
            {t(`assessment.fields.${spec.path}`)}
            {spec.kind === 'boolean' && (
              <input
                type="checkbox"
                name={spec.path}
                checked={Boolean(values[spec.path])}
                onChange={(e) => setValues({ ...values, [spec.path]: e.target.checked })}
              />
            )}
            {spec.kind === 'select' && (
              <select
                name={spec.path}
                value={String(values[spec.path])}
                onChange={(e) => setValues({ ...values, [spec.path]: e.target.value })}
              >
                {spec.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`assessment.options.${option}`, { defaultValue: option })}
                  </option>
                ))}
              </select>
            )}
            {spec.kind === 'multi' && (
              <span className="choices">
                {spec.options.map((option) => {
                  const chosen = (values[spec.path] as string[]).includes(option);
                  return (
                    <label key={option} className="check">
                      <input
                        type="checkbox"
                        checked={chosen}
                        onChange={() =>
                          setValues({
                            ...values,
                            [spec.path]: chosen
                              ? (values[spec.path] as string[]).filter((o) => o !== option)
                              : [...(values[spec.path] as string[]), option],
                          })
                        }
                      />
                      {t(`assessment.options.${option}`)}
                    </label>
                  );
                })}
              </span>
            )}
            {(spec.kind === 'number' ||
              spec.kind === 'text' ||
              spec.kind === 'date' ||
              spec.kind === 'list') && (
              <input
                name={spec.path}
                type={spec.kind === 'number' ? 'number' : spec.kind === 'date' ? 'date' : 'text'}
                inputMode={spec.kind === 'number' ? 'numeric' : undefined}
                placeholder={spec.kind === 'list' ? t('assessment.listHint') : undefined}
                value={String(values[spec.path])}
                aria-invalid={Boolean(errorOf(spec.path))}
                onChange={(e) => setValues({ ...values, [spec.path]: e.target.value })}
              />
            )}
            {errorOf(spec.path) && <span role="alert">{errorOf(spec.path)}</span>}
          </label>
        ))}
        <label>
          {t('assessment.assessedOn')}
          <input
            type="date"
            name="assessedOn"
            value={assessedOn}
            onChange={(e) => setAssessedOn(e.target.value)}
          />
          {errors.assessedOn && <span role="alert">{errors.assessedOn}</span>}
        </label>
        <label className="check">
          {t('assessment.verified')}
          <input
            type="checkbox"
            name="verified"
            checked={verified}
            onChange={(e) => setVerified(e.target.checked)}
          />
        </label>
      </div>
      <button type="submit">{t('assessment.submit')}</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}
