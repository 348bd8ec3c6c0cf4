import { runMain } from '@jembatan/service-kit';
import { seedDemoAccounts } from './demo-accounts.js';

runMain(async () => {
  const count = await seedDemoAccounts();
  console.warn(`seeded ${count} demo accounts`);
});
