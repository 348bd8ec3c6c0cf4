import { client } from './demo-families.mjs';

// A demo savings ledger made through the gateway: Siti registers the treasurer her first group
// chose (sign-in bendahara.matraman, the demo password), who records a meeting's deposits.
// Looks first, so running `npm start` again adds nothing twice.

export const DEMO_TREASURER = 'bendahara.matraman';

export async function seedDemoSavings(baseUrl) {
  const assistant = await client(baseUrl, 'pendamping.matraman');
  // The sample CSV's groups reach microcredit through caseload's events: wait for one with members.
  let ledger = null;
  for (let tries = 0; tries < 60 && !ledger; tries++) {
    const [group] = (await assistant('GET', '/api/savings/groups')).items;
    const read = group && (await assistant('GET', `/api/savings/groups/${group.groupId}`));
    if (read?.members.length) ledger = read;
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!ledger || ledger.treasurer) return [];
  await assistant('POST', `/api/savings/groups/${ledger.groupId}/treasurer`, {
    kpmId: ledger.members[0].kpmId,
    username: DEMO_TREASURER,
    password: process.env.DEMO_PASSWORD ?? 'jembatan123',
  });
  const treasurer = await client(baseUrl, DEMO_TREASURER);
  const today = new Date().toISOString().slice(0, 10);
  for (const [index, member] of ledger.members.entries())
    await treasurer('POST', '/api/savings/entries', {
      kind: 'deposit',
      amount: 10_000 * (index + 1),
      memberKpmId: member.kpmId,
      occurredOn: today,
      note: 'Setoran pertemuan kelompok',
    });
  await treasurer('POST', '/api/savings/entries', {
    kind: 'deposit',
    amount: 25_000,
    occurredOn: today,
    note: 'Kas kelompok',
  });
  return [`treasurer ${DEMO_TREASURER} for ${ledger.name} and a meeting's deposits`];
}
