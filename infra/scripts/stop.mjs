#!/usr/bin/env node
// `npm run stop`: stops a Kafka broker left running by `npm start` or the tests.
import { kafkaDataDirs, stopKafka } from '@jembatan/infra/kafka';

for (const dataDir of kafkaDataDirs()) {
  const port = Number(dataDir.split('kafka-').pop());
  if (await stopKafka({ port, dataDir })) console.log(`stopped Kafka on 127.0.0.1:${port}`);
}
