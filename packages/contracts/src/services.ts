/** The deployable services. Each owns its PostgreSQL schema of the same name. */
export const SERVICE_NAMES = [
  'gateway',
  'caseload',
  'training',
  'partners',
  'microcredit',
  'supervision',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services that answer commands and queries from the gateway over Kafka. */
export type BackendService = Exclude<ServiceName, 'gateway'>;

export const BACKEND_SERVICES: readonly BackendService[] = SERVICE_NAMES.filter(
  (name): name is BackendService => name !== 'gateway',
);
