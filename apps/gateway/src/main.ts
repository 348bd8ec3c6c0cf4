import { runMain } from '@jembatan/service-kit';
import { Logger } from 'nestjs-pino';
import { loadGatewayConfig } from './common/config.js';
import { createGateway } from './http-app.js';

runMain(async () => {
  const config = loadGatewayConfig();
  const app = await createGateway(config);
  await app.listen(config.port, config.HOST);
  app.get(Logger).log(`gateway ready on http://${config.HOST}:${config.port} (docs at /api/docs)`);
});
