import { readFileSync } from 'node:fs';

// Demo families registered through the gateway like an assistant would, with idempotency keys
// so running `npm start` again registers nobody twice.
const DEMO = [
  {
    assistant: 'pendamping.matraman',
    district: '31.75.01',
    villages: ['1001', '1002', '1003'],
    names: ['Siti Aminah', 'Nur Hasanah', 'Sri Wahyuni', 'Ratna Sari', 'Yuliani', 'Rohmah'],
  },
  {
    assistant: 'pendamping.cimanggis',
    district: '32.76.02',
    villages: ['1007', '1008', '1009'],
    names: ['Dian Purnama', 'Eka Susanti', 'Fitri Handayani', 'Lilis Suryani'],
  },
];

export async function login(baseUrl, username, password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`demo login ${username}: ${response.status}`);
  return (await response.json()).accessToken;
}

const demoPassword = () => process.env.DEMO_PASSWORD ?? 'jembatan123';

/** A signed-in demo user's calls to the gateway: (method, path, body) -> parsed reply. */
export async function client(baseUrl, username, password = demoPassword()) {
  const token = await login(baseUrl, username, password);
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo ${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** A NIK that passes validation: district digits, a woman's birth date (day + 40), a serial. */
function demoNik(district, index) {
  const day = String(41 + (index % 28)).padStart(2, '0');
  const month = String(1 + (index % 12)).padStart(2, '0');
  return `${district.replaceAll('.', '')}${day}${month}85${String(index + 1).padStart(4, '0')}`;
}

export async function seedDemoFamilies(
  baseUrl,
  password = process.env.DEMO_PASSWORD ?? 'jembatan123',
) {
  let registered = 0;
  for (const { assistant, district, villages, names } of DEMO) {
    const token = await login(baseUrl, assistant, password);
    for (const [index, headName] of names.entries()) {
      const response = await fetch(`${baseUrl}/api/kpm`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `demo-${district}-${index}`,
        },
        body: JSON.stringify({
          headName,
          nik: demoNik(district, index),
          phone: `08121${String(index * 7919).padStart(7, '0')}`,
          villageCode: `${district}.${villages[index % villages.length]}`,
          address: `Jl. Contoh No. ${index + 1}`,
          pkhEntryYear: 2015 + (index % 8),
        }),
      });
      if (response.status !== 201 && response.status !== 409) {
        throw new Error(`demo family ${headName}: ${response.status} ${await response.text()}`);
      }
      if (response.status === 201) registered++;
    }
  }
  return registered;
}

const SAMPLE_CSV = new URL('../../apps/caseload/samples/kpm-import-sample.csv', import.meta.url);

/**
 * Imports the sample CSV into the Matraman assistant's caseload, the way an office would, and
 * waits for it to finish. Running it again adds nothing (its rows are already registered).
 */
export async function importDemoCsv(
  baseUrl,
  password = process.env.DEMO_PASSWORD ?? 'jembatan123',
) {
  const token = await login(baseUrl, 'pendamping.matraman', password);
  const headers = { authorization: `Bearer ${token}` };
  const upload = await fetch(`${baseUrl}/api/imports?fileName=kpm-import-sample.csv`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: readFileSync(SAMPLE_CSV),
  });
  if (upload.status !== 202)
    throw new Error(`demo import: ${upload.status} ${await upload.text()}`);
  let job = await upload.json();
  for (let tries = 0; tries < 120 && !['completed', 'failed'].includes(job.status); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = await (await fetch(`${baseUrl}/api/imports/${job.id}`, { headers })).json();
  }
  if (job.status !== 'completed')
    throw new Error(`demo import ended ${job.status}: ${job.failure}`);
  return job;
}
