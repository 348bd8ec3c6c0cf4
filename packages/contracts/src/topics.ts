import {
  BACKEND_SERVICES,
  SERVICE_NAMES,
  type BackendService,
  type ServiceName,
} from './services.js';

/**
 * Every Kafka topic Jembatan uses, in one place.
 *
 * WARNING: a topic name is a public contract. Renaming one strands the messages already
 * in it and the consumer offsets stored against it; it needs a migration plan (produce to
 * both, drain the old, then switch consumers), never a plain edit.
 */
export const TOPICS = {
  /** Domain events, one topic per producing service, keyed by aggregate id. */
  events: {
    /** Accounts (who is an assistant, where): the gateway owns them. */
    gateway: 'jembatan.gateway.events',
    caseload: 'jembatan.caseload.events',
    training: 'jembatan.training.events',
    partners: 'jembatan.partners.events',
    microcredit: 'jembatan.microcredit.events',
    supervision: 'jembatan.supervision.events',
  },
  /** Gateway-to-service commands and queries (request-reply); replies go to `<topic>.reply`. */
  rpc: {
    caseload: 'jembatan.caseload.rpc',
    training: 'jembatan.training.rpc',
    partners: 'jembatan.partners.rpc',
    microcredit: 'jembatan.microcredit.rpc',
    supervision: 'jembatan.supervision.rpc',
  },
  /** Messages a consumer gave up on, with the reason in headers. */
  deadLetter: 'jembatan.dead-letter',
} as const satisfies {
  events: Record<ServiceName, string>;
  rpc: Record<BackendService, string>;
  deadLetter: string;
};

export type EventTopic = (typeof TOPICS.events)[ServiceName];

export const replyTopicOf = (rpcTopic: string): string => `${rpcTopic}.reply`;

export interface TopicSpec {
  name: string;
  partitions: number;
}

/** Partitions per topic unless a deployment sets more (KAFKA_TOPIC_PARTITIONS). */
export const DEFAULT_PARTITIONS = 6;

/**
 * Partition counts. Events are keyed by aggregate (family) id so per-family order holds
 * within a partition; more partitions let more instances of a consumer share the load (a
 * group's instances beyond its topic's partitions sit idle). Counts apply when a topic is
 * created: Kafka can add partitions later but that moves keys, so size them up front.
 */
export function allTopicSpecs(partitions = DEFAULT_PARTITIONS): TopicSpec[] {
  const specs: TopicSpec[] = [];
  for (const service of SERVICE_NAMES) specs.push({ name: TOPICS.events[service], partitions });
  for (const service of BACKEND_SERVICES) {
    specs.push({ name: TOPICS.rpc[service], partitions });
    specs.push({ name: replyTopicOf(TOPICS.rpc[service]), partitions });
  }
  specs.push({ name: TOPICS.deadLetter, partitions: 1 });
  return specs;
}
