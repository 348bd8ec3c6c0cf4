import { client } from './demo-families.mjs';

// Demo data for training and mentoring, made through the gateway like its users would: a
// tutor profile, a training offer, an assistants' course, P2K2 availability and a planned
// session. Each step looks first, so running `npm start` again adds nothing twice.

const isoDay = (offsetDays) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The next Saturday at 19:00 WIB, at least a day away. */
function nextSaturdayEvening() {
  const date = new Date(Date.now() + 86_400_000);
  while (date.getUTCDay() !== 6) date.setUTCDate(date.getUTCDate() + 1);
  return `${date.toISOString().slice(0, 10)}T19:00:00+07:00`;
}

export async function seedDemoTraining(baseUrl) {
  const done = [];
  const tutor = await client(baseUrl, 'tutor.ani');
  await tutor('PUT', '/api/tutors/me', {
    name: 'Ani Suryani',
    expertise: ['culinary', 'halal-certification', 'bookkeeping'],
    areaCode: '31.75',
    capacity: 8,
    bio: 'Pengusaha katering, mendampingi usaha makanan rumahan sejak 2015.',
  });
  done.push('tutor profile');

  const provider = await client(baseUrl, 'mitra.pelatihan');
  const title = 'Pengemasan dan Label Produk Pangan';
  const offers = await provider('GET', '/api/trainings');
  if (!offers.items.some((o) => o.title === title)) {
    await provider('POST', '/api/trainings', {
      title,
      description: 'Kemasan, label, PIRT dan halal untuk usaha makanan rumahan.',
      regionCode: '31.75',
      place: 'BLK Jakarta Timur, Cakung',
      startsOn: isoDay(7),
      endsOn: isoDay(21),
      meetings: 4,
      capacity: 20,
      prerequisites: { minBusinessMonths: 6, businessKinds: ['food'] },
    });
    done.push('training offer');
  }

  const coordinator = await client(baseUrl, 'koordinator.jaktim');
  const courses = await coordinator('GET', '/api/courses');
  if (courses.items.length === 0) {
    await coordinator('POST', '/api/courses', {
      title: 'Pendamping sebagai broker sumber daya',
      topic: 'broker-role',
      hours: 16,
      provider: 'Suku Dinas Sosial Jakarta Timur',
    });
    done.push('assistant course');
  }

  // The sample CSV's groups reach training through caseload's events: wait for them.
  const assistant = await client(baseUrl, 'pendamping.matraman');
  let groups = [];
  for (let tries = 0; tries < 60 && groups.length === 0; tries++) {
    groups = (await assistant('GET', '/api/p2k2/groups')).items;
    if (groups.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const group = groups[0];
  if (group && group.availability.length === 0) {
    await assistant('PUT', `/api/p2k2/groups/${group.groupId}/availability`, {
      slots: [
        { weekday: 6, from: '19:00', to: '21:00' },
        { weekday: 7, from: '08:00', to: '11:00' },
      ],
    });
    await assistant('POST', '/api/p2k2/sessions', {
      groupId: group.groupId,
      startsAt: nextSaturdayEvening(),
      durationMinutes: 90,
      place: 'Balai RW 05',
    });
    done.push(`P2K2 availability and a session for ${group.name}`);
  }
  return done;
}
