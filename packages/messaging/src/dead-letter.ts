import { TOPICS } from '@jembatan/contracts';
import type kafkajs from 'kafkajs';

export interface DeadLetter {
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  reason: string;
  detail: string;
}

/** Parks a message the consumer gave up on, with why, so its partition can keep moving. */
export async function sendToDeadLetter(
  producer: kafkajs.Producer,
  letter: DeadLetter,
): Promise<void> {
  await producer.send({
    topic: TOPICS.deadLetter,
    acks: -1,
    messages: [
      {
        key: letter.key,
        value: letter.value,
        headers: {
          'x-dlq-reason': letter.reason,
          'x-dlq-detail': letter.detail.slice(0, 2000),
          'x-dlq-consumer-group': letter.consumerGroup,
          'x-original-topic': letter.topic,
          'x-original-partition': String(letter.partition),
          'x-original-offset': letter.offset,
          'x-dead-lettered-at': new Date().toISOString(),
        },
      },
    ],
  });
}
