import type { Stack } from '@jembatan/infra/stack';
import kafkajs from 'kafkajs';

/**
 * Publishes envelopes straight to a topic, as a broker redelivering them (or a producer sending
 * twice) would: how tests check that consumers apply each event once.
 */
export async function publishRaw(
  stack: Stack,
  topic: string,
  key: string,
  envelopes: readonly object[],
): Promise<void> {
  const kafka = new kafkajs.Kafka({
    clientId: 'e2e-redeliver',
    brokers: stack.brokers,
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: envelopes.map((e) => ({ key, value: JSON.stringify(e) })),
    });
  } finally {
    await producer.disconnect();
  }
}
