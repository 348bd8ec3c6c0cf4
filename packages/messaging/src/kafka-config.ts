import type { BackendService, ServiceName } from '@jembatan/contracts';
import { DEFAULT_PARTITIONS, TOPICS, allTopicSpecs } from '@jembatan/contracts';
import type { KafkaOptions } from '@nestjs/microservices';
import { Transport } from '@nestjs/microservices';
import net from 'node:net';
import tls from 'node:tls';
import kafkajs from 'kafkajs';
import { stopKafkajsIdleLoop } from './kafkajs-idle-loop.js';

const { Kafka, logLevel } = kafkajs;

/**
 * kafkajs's own socket factory plus TCP_NODELAY. Without it Nagle's algorithm holds small
 * requests back until the previous one is acknowledged, and Linux's delayed ACK turns that into
 * ~40 ms per produce or fetch at moderate rates (measured in bench/pipeline-latency.mjs).
 */
const socketFactory: kafkajs.ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect(
        { host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl },
        onConnect,
      )
    : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, 60_000);
  socket.setNoDelay(true);
  return socket;
};

export function kafkaClientConfig(clientId: string, brokers: string[]): kafkajs.KafkaConfig {
  stopKafkajsIdleLoop();
  return {
    clientId,
    brokers,
    logLevel: logLevel.ERROR,
    connectionTimeout: 3000,
    socketFactory,
    // Keep retrying through a broker restart rather than giving up after a few seconds.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 30 },
  };
}

export function createKafka(clientId: string, brokers: string[]): kafkajs.Kafka {
  return new Kafka(kafkaClientConfig(clientId, brokers));
}

/** The producer an outbox relay publishes with: idempotent, so a retried send never duplicates. */
export function createOutboxProducer(service: ServiceName, brokers: string[]): kafkajs.Producer {
  return createKafka(`${service}-producer`, brokers).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
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
        // A crashed instance's partitions move to a live one after 10 s rather than 30 s.
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
      },
      subscribe: { fromBeginning: true },
      // Offsets are committed once a second rather than after every message: each commit is a
      // write to the broker, and a redelivery after a crash is absorbed (processed_event, receipts).
      run: { partitionsConsumedConcurrently: 6, autoCommitInterval: 1000 },
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
    // A reply read twice after a restart finds no caller waiting; commit once a second.
    run: { autoCommitInterval: 1000 },
    producer: { allowAutoTopicCreation: false },
  };
}

/**
 * Creates every topic Jembatan uses (idempotent), so consumers never subscribe to nothing, with
 * KAFKA_TOPIC_PARTITIONS partitions each (6 unless a deployment sizes it otherwise). Services
 * start together, and often with the cluster: another may be creating the same topics, and a
 * broker that has just opened its port may not have registered yet (no broker to place a replica
 * on). Both pass, so it tries again until `timeoutMs`.
 */
export async function ensureTopics(
  brokers: string[],
  partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? DEFAULT_PARTITIONS),
  { timeoutMs = 60_000 } = {},
): Promise<string[]> {
  const admin = createKafka('jembatan-topics', brokers).admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  const created: string[] = [];
  try {
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const missing = allTopicSpecs(partitions).filter((spec) => !existing.has(spec.name));
      if (missing.length === 0) return created;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.name,
            numPartitions: spec.partitions,
            replicationFactor: -1,
          })),
        });
        created.push(...missing.map((spec) => spec.name));
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

export { TOPICS };
