import type { BackendService, ServiceName } from '@jembatan/contracts';
import { TOPICS, allTopicSpecs } from '@jembatan/contracts';
import type { KafkaOptions } from '@nestjs/microservices';
import { Transport } from '@nestjs/microservices';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export function kafkaClientConfig(clientId: string, brokers: string[]): kafkajs.KafkaConfig {
  return {
    clientId,
    brokers,
    logLevel: logLevel.ERROR,
    connectionTimeout: 3000,
    // Keep retrying through a broker restart rather than giving up after a few seconds.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 30 },
  };
}

export function createKafka(clientId: string, brokers: string[]): kafkajs.Kafka {
  return new Kafka(kafkaClientConfig(clientId, brokers));
}

/**
 * The Nest Kafka transport for a backend service: one consumer group per service (named after
 * it) reading its rpc topic and the event topics it reacts to.
 */
export function serviceTransportOptions(service: BackendService, brokers: string[]): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaClientConfig(`${service}-server`, brokers),
      consumer: {
        groupId: service,
        allowAutoTopicCreation: false,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
      },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: 6 },
      producer: { allowAutoTopicCreation: false },
    },
  };
}

/** The gateway's request-reply client: its group only reads the reply topics. */
export function gatewayClientOptions(
  service: ServiceName,
  brokers: string[],
): KafkaOptions['options'] {
  return {
    postfixId: '',
    client: kafkaClientConfig(`${service}-client`, brokers),
    consumer: { groupId: `${service}-replies`, allowAutoTopicCreation: false },
    producer: { allowAutoTopicCreation: false },
  };
}

/** Creates every topic Jembatan uses (idempotent), so consumers never subscribe to nothing. */
export async function ensureTopics(brokers: string[]): Promise<string[]> {
  const admin = createKafka('jembatan-topics', brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopicSpecs().filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: -1,
        })),
      });
    }
    return missing.map((spec) => spec.name);
  } finally {
    await admin.disconnect();
  }
}

export { TOPICS };
