import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_TOPICS } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';

interface Course {
  id: string;
  title: string;
  topic: string;
  hours: number;
  provider: string;
  enrolled: number;
  completed: number;
  mine: 'enrolled' | 'completed' | null;
}
interface ReportRow {
  assistantId: string;
  name: string;
  completed: string[];
  inProgress: string[];
  missing: string[];
}

/** Assistants' own upskilling: courses to take, and for supervisors who still needs what. */
export function CoursesPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const [courses, setCourses] = useState<Course[]>([]);
  const [report, setReport] = useState<ReportRow[]>([]);
  const [reload, setReload] = useState(0);
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  const supervisor = role !== 'assistant';

  useEffect(() => {
    api<{ items: Course[] }>('/api/courses').then(
      (r) => setCourses(r.items),
      () => setCourses([]),
    );
    if (supervisor)
      api<{ items: ReportRow[] }>('/api/courses/report').then(
        (r) => setReport(r.items),
        () => setReport([]),
      );
  }, [reload, supervisor]);

  const act = (path: string) => run(() => api(path, send('POST')));

  return (
    <section>
      <h2>{t('nav.courses')}</h2>
      {supervisor && <CourseForm onCreated={() => setReload((n) => n + 1)} />}
      <table aria-label={t('nav.courses')}>
        <thead>
          <tr>
            <th>{t('courses.title')}</th>
            <th>{t('courses.topic')}</th>
            <th>{t('courses.hours')}</th>
            <th>{t('courses.takers')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {courses.map((c) => (
            <tr key={c.id}>
              <td>
                {c.title} · {c.provider}
              </td>
              <td>{t(`courseTopics.${c.topic}`)}</td>
              <td>{c.hours}</td>
              <td>
                {c.completed}/{c.enrolled}
              </td>
              <td>
                {role === 'assistant' && c.mine === null && (
                  <button type="button" onClick={() => act(`/api/courses/${c.id}/enrol`)}>
                    {t('courses.enrol')}
                  </button>
                )}
                {role === 'assistant' && c.mine === 'enrolled' && (
                  <button type="button" onClick={() => act(`/api/courses/${c.id}/complete`)}>
                    {t('courses.complete')}
                  </button>
                )}
                {c.mine === 'completed' && t('courses.done')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {supervisor && (
        <>
          <h3>{t('courses.report')}</h3>
          <table aria-label={t('courses.report')}>
            <thead>
              <tr>
                <th>{t('courses.assistant')}</th>
                <th>{t('courses.completedTopics')}</th>
                <th>{t('courses.missingTopics')}</th>
              </tr>
            </thead>
            <tbody>
              {report.map((r) => (
                <tr key={r.assistantId}>
                  <td>{r.name}</td>
                  <td>{r.completed.map((x) => t(`courseTopics.${x}`)).join(', ') || '-'}</td>
                  <td>{r.missing.map((x) => t(`courseTopics.${x}`)).join(', ') || '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {message && <p role="alert">{message}</p>}
    </section>
  );
}

function CourseForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: '',
    topic: COURSE_TOPICS[0] as string,
    hours: 8,
    provider: '',
  });
  const { message, run } = useApiAction(onCreated);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => api('/api/courses', send('POST', { ...form, hours: Number(form.hours) })));
  }
  return (
    <details>
      <summary>{t('courses.create')}</summary>
      <form onSubmit={submit}>
        <label>
          {t('courses.title')}
          <input
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        </label>
        <label>
          {t('courses.topic')}
          <select value={form.topic} onChange={(e) => setForm({ ...form, topic: e.target.value })}>
            {COURSE_TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {t(`courseTopics.${topic}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('courses.hours')}
          <input
            type="number"
            min={1}
            max={500}
            value={form.hours}
            onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('courses.provider')}
          <input
            required
            value={form.provider}
            onChange={(e) => setForm({ ...form, provider: e.target.value })}
          />
        </label>
        <button type="submit">{t('kpm.submit')}</button>
      </form>
      {message && <p role="alert">{message}</p>}
    </details>
  );
}
