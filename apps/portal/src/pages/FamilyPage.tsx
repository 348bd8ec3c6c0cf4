import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CASE_KINDS,
  STAGE_TRANSITIONS,
  type BusinessV1,
  type KpmView,
  type Readiness,
  type Stage,
} from '@jembatan/contracts';
import { ApiError, api, fieldErrorsOf } from '../api/client';
import { FlagBadges } from '../components/Badges';
import { BenefitsSection } from '../components/BenefitsSection';
import { LedgerSection } from '../components/LedgerSection';
import { AssessmentForm } from '../components/AssessmentForm';
import { ReadinessPanel } from '../components/ReadinessPanel';
import { TrendChart } from '../components/TrendChart';
import { TutorSection } from '../components/TutorSection';
import { BrokerSection } from '../components/BrokerSection';
import { CapitalSection } from '../components/capital/CapitalSection';
import { ProductsSection } from '../components/partners/ProductsSection';
import { PersonalDataSection } from '../components/PersonalDataSection';
import { day } from '../lib/format';

/** A family's profile: household, readiness and its reasons, assessments, cases, pipeline. */
export function FamilyPage({
  kpmId,
  canManage,
  canTransfer,
}: {
  kpmId: string;
  canManage: boolean;
  canTransfer: boolean;
}) {
  const { t } = useTranslation();
  const [family, setFamily] = useState<KpmView | null>(null);
  const [failure, setFailure] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api<KpmView>(`/api/kpm/${kpmId}`).then(setFamily, (error: unknown) =>
      setFailure(
        error instanceof ApiError && error.body.statusCode === 403
          ? t('errors.forbidden')
          : t('errors.generic'),
      ),
    );
  }, [kpmId, reload, t]);

  if (failure) return <p role="alert">{failure}</p>;
  if (!family) return <p>{t('app.loading')}</p>;

  const business = family.assessments
    .filter((a) => a.instrument === 'business')
    .map((a) => ({ date: a.assessedOn, ...(a.answers as unknown as BusinessV1) }))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((a) => ({ date: a.date, revenue: a.monthlyRevenue, costs: a.monthlyCosts }));
  const refresh = () => setReload((n) => n + 1);
  const onAssessed = (readiness: Readiness) =>
    setFamily({ ...family, readiness, readinessScore: readiness.score });

  return (
    <article className="profile">
      <h2>{family.headName}</h2>
      <p>
        {t('kpm.nik')}: {family.nik} · {t('kpm.phone')}: {family.phone ?? '-'} · {family.address} (
        {family.villageCode}){family.group && ` · ${t('kpm.group')}: ${family.group.name}`} ·{' '}
        {t('kpm.pkhEntryYear')}: {family.pkhEntryYear}
      </p>
      <p>
        <span className={`stage stage-${family.stage}`}>{t(`stages.${family.stage}`)}</span>{' '}
        <FlagBadges flags={family.flags} />
      </p>

      <section>
        <h3>{t('profile.readiness')}</h3>
        <ReadinessPanel readiness={family.readiness} />
      </section>

      {canManage && <AssessmentForm kpmId={family.id} onRecorded={onAssessed} />}
      <TutorSection kpmId={family.id} canManage={canManage} />
      <ProductsSection kpmId={family.id} canManage={canManage} />
      <BrokerSection kpmId={family.id} headName={family.headName} canRefer={canManage} />
      <CapitalSection kpmId={family.id} headName={family.headName} canManage={canManage} />
      {canManage && <StageForm family={family} onMoved={setFamily} />}

      <section>
        <h3>{t('profile.members')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('member.name')}</th>
              <th>{t('kpm.nik')}</th>
              <th>{t('member.relation')}</th>
              <th>{t('member.age')}</th>
              <th>{t('member.components')}</th>
            </tr>
          </thead>
          <tbody>
            {family.members.map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.nik ?? '-'}</td>
                <td>{t(`relations.${member.relation}`)}</td>
                <td>{member.age}</td>
                <td>{member.components.map((c) => t(`components.${c}`)).join(', ') || '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h3>{t('profile.businessTrend')}</h3>
        <TrendChart points={business} />
      </section>

      <BenefitsSection family={family} canManage={canManage} onChanged={refresh} />

      <LedgerSection key={reload} kpmId={family.id} ledger={family.ledger} canManage={canManage} />

      <section>
        <h3>{t('profile.assessments')}</h3>
        {family.assessments.length === 0 && <p>{t('profile.noAssessments')}</p>}
        <ol className="timeline">
          {family.assessments.map((assessment) => (
            <li key={assessment.id}>
              <strong>{assessment.assessedOn}</strong>{' '}
              {t(`assessment.instruments.${assessment.instrument}`)} v{assessment.version}
              {assessment.verified && ` · ${t('assessment.verified')}`}
            </li>
          ))}
        </ol>
      </section>

      <section>
        <h3>{t('profile.signals')}</h3>
        <ul>
          {family.readiness.factors
            .filter((f) =>
              ['p2k2-attendance', 'training-completed', 'capital-repaying'].includes(f.key),
            )
            .map((f) => (
              <li key={f.key}>
                {t(`criteria.${f.key}`)}: {f.observed}
              </li>
            ))}
        </ul>
      </section>

      <section>
        <h3>{t('profile.cases')}</h3>
        {family.cases.length === 0 && <p>{t('profile.noCases')}</p>}
        <ul>
          {family.cases.map((c) => (
            <li key={c.id}>
              {t(`cases.kinds.${c.kind}`)} · {t(`cases.statuses.${c.status}`)} · {c.summary}
            </li>
          ))}
        </ul>
        {canManage && <OpenCaseForm kpmId={family.id} onOpened={refresh} />}
      </section>

      <section>
        <h3>{t('profile.stageHistory')}</h3>
        <ol className="timeline">
          {family.stageHistory.map((change) => (
            <li key={change.at}>
              {day(change.at)}: {t(`stages.${change.from ?? 'active'}`)} →{' '}
              {t(`stages.${change.to}`)} ({t('readiness.score')} {change.score ?? '-'}) ·{' '}
              {change.reason}
            </li>
          ))}
        </ol>
        {family.followUps.length > 0 && (
          <>
            <h4>{t('profile.followUps')}</h4>
            <ul>
              {family.followUps.map((f) => (
                <li key={f.id}>
                  {t('profile.followUpDue', { months: f.monthsAfter, date: day(f.dueOn) })}:{' '}
                  {f.outcome ? (
                    `${t(`followUp.${f.outcome}`)} · ${f.notes}`
                  ) : canManage ? (
                    <FollowUpForm kpmId={family.id} followUpId={f.id} onRecorded={refresh} />
                  ) : (
                    t('profile.followUpOpen')
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <PersonalDataSection kpmId={family.id} canManage={canManage} />

      <section>
        <h3>{t('profile.assignments')}</h3>
        {canTransfer && <TransferForm kpmId={family.id} onMoved={setFamily} />}
        <ul>
          {family.assignments.map((a) => (
            <li key={a.from}>
              {day(a.from)} – {(a.to ? day(a.to) : null) ?? t('profile.now')}: {a.assistantId} ·{' '}
              {a.reason}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function StageForm({ family, onMoved }: { family: KpmView; onMoved: (family: KpmView) => void }) {
  const { t } = useTranslation();
  const options = STAGE_TRANSITIONS[family.stage as Stage];
  const [to, setTo] = useState<Stage | ''>(options[0] ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  if (options.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      onMoved(
        await api<KpmView>(`/api/kpm/${family.id}/stage`, {
          method: 'POST',
          body: JSON.stringify({ to, reason }),
        }),
      );
      setReason('');
      setMessage(t('stage.moved'));
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setMessage(error instanceof ApiError ? error.message : t('errors.generic'));
    }
  }

  const criteriaErrors = Object.entries(errors).filter(([path]) => path.startsWith('criteria.'));
  return (
    <form onSubmit={submit} aria-label={t('stage.title')}>
      <h3>{t('stage.title')}</h3>
      <label>
        {t('stage.to')}
        <select name="to" value={to} onChange={(e) => setTo(e.target.value as Stage)}>
          {options.map((stage) => (
            <option key={stage} value={stage}>
              {t(`stages.${stage}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('stage.reason')}
        <textarea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
        />
        {errors.reason && <span role="alert">{errors.reason}</span>}
      </label>
      {criteriaErrors.length > 0 && (
        <ul role="alert">
          {criteriaErrors.map(([path, observed]) => (
            <li key={path}>
              {t(`criteria.${path.slice('criteria.'.length)}`)}: {observed}
            </li>
          ))}
        </ul>
      )}
      <button type="submit">{t('stage.submit')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

function OpenCaseForm({ kpmId, onOpened }: { kpmId: string; onOpened: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>(CASE_KINDS[0]);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/kpm/${kpmId}/cases`, {
        method: 'POST',
        body: JSON.stringify({ kind, summary }),
      });
      setSummary('');
      setErrors({});
      onOpened();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  return (
    <form onSubmit={submit} aria-label={t('cases.open')}>
      <label>
        {t('cases.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          {CASE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`cases.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.summary')}
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={2} />
        {errors.summary && <span role="alert">{errors.summary}</span>}
      </label>
      <button type="submit">{t('cases.open')}</button>
    </form>
  );
}

function FollowUpForm({
  kpmId,
  followUpId,
  onRecorded,
}: {
  kpmId: string;
  followUpId: string;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('stable');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/kpm/${kpmId}/follow-ups/${followUpId}`, {
        method: 'POST',
        body: JSON.stringify({ outcome, notes }),
      });
      onRecorded();
    } catch (failure) {
      setError(fieldErrorsOf(failure).notes ?? t('errors.generic'));
    }
  }

  return (
    <form onSubmit={submit} aria-label={t('followUp.record')} className="grid">
      <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        {['stable', 'improved', 'declined', 'unreachable'].map((o) => (
          <option key={o} value={o}>
            {t(`followUp.${o}`)}
          </option>
        ))}
      </select>
      <input
        placeholder={t('followUp.notes')}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <button type="submit">{t('followUp.record')}</button>
      {error && <span role="alert">{error}</span>}
    </form>
  );
}

interface Caseloads {
  items: { assistantId: string; assistantName: string | null; families: number }[];
}

function TransferForm({ kpmId, onMoved }: { kpmId: string; onMoved: (family: KpmView) => void }) {
  const { t } = useTranslation();
  const [assistants, setAssistants] = useState<Caseloads['items']>([]);
  const [toAssistantId, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    api<Caseloads>('/api/caseloads').then(
      (r) => setAssistants(r.items),
      () => setAssistants([]),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onMoved(
        await api<KpmView>(`/api/kpm/${kpmId}/transfer`, {
          method: 'POST',
          body: JSON.stringify({ toAssistantId, reason }),
        }),
      );
      setErrors({});
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  return (
    <form onSubmit={submit} aria-label={t('transfer.title')}>
      <label>
        {t('transfer.to')}
        <input list="assistants" value={toAssistantId} onChange={(e) => setTo(e.target.value)} />
        <datalist id="assistants">
          {assistants.map((a) => (
            <option key={a.assistantId} value={a.assistantId}>
              {a.assistantName ?? a.assistantId} ({a.families})
            </option>
          ))}
        </datalist>
        {errors.toAssistantId && <span role="alert">{errors.toAssistantId}</span>}
      </label>
      <label>
        {t('stage.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        {errors.reason && <span role="alert">{errors.reason}</span>}
      </label>
      <button type="submit">{t('transfer.submit')}</button>
    </form>
  );
}
