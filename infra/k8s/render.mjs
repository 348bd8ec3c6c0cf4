// Kubernetes manifests for Jembatan, rendered from one description so the six services cannot
// drift apart: `node infra/k8s/render.mjs` writes infra/k8s/<profile>.yaml for each sizing
// profile (a province, the nation). The sizing arithmetic is in the README ("Running on many
// machines"); the profiles below carry its results. A unit test checks the files are current.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dump } from 'js-yaml';
import { SERVICES } from '../lib/processes.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const NAMESPACE = 'jembatan';
/** One image holds the built monorepo (infra/k8s/Dockerfile); each service runs its own entry. */
const IMAGE = 'registry.example.go.id/jembatan/platform:latest';

/**
 * Instances and resources per profile. A service's replicas are at most its topics' partitions
 * (a consumer group's instances beyond them sit idle), so the nation creates its topics with 24.
 */
export const PROFILES = {
  province: {
    description: 'One province (up to ~1,000,000 families, ~3,700 assistants)',
    partitions: 6,
    kafka: { brokers: 3, cpu: '1', memory: '2Gi', storage: '50Gi' },
    postgres: { cpu: '2', memory: '8Gi', storage: '100Gi' },
    redis: { cpu: '250m', memory: '512Mi' },
    // ~53 requests a second at peak need less than a core per service: two for availability.
    replicas: {
      gateway: 2,
      caseload: 2,
      training: 2,
      partners: 2,
      microcredit: 2,
      supervision: 2,
      portal: 2,
    },
    service: { cpu: '1', memory: '768Mi' },
  },
  nation: {
    description: 'The nation (~10,000,000 families, ~37,000 assistants)',
    partitions: 24,
    kafka: { brokers: 3, cpu: '4', memory: '8Gi', storage: '500Gi' },
    postgres: { cpu: '16', memory: '64Gi', storage: '1Ti' },
    redis: { cpu: '1', memory: '2Gi' },
    // ~355 requests a second at peak x each service's measured CPU per request / 60% (README).
    replicas: {
      gateway: 5,
      caseload: 4,
      training: 2,
      partners: 3,
      microcredit: 2,
      supervision: 2,
      portal: 3,
    },
    service: { cpu: '1', memory: '1Gi' },
  },
};

const labels = (name) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'jembatan',
});
const meta = (name) => ({ name, namespace: NAMESPACE, labels: labels(name) });
const resources = ({ cpu, memory }) => ({ requests: { cpu, memory }, limits: { memory } });
const secret = (key) => ({ valueFrom: { secretKeyRef: { name: 'jembatan-secrets', key } } });

/** Every service's environment: where its dependencies are, and the secrets. */
function environment(profile) {
  const brokers = Array.from(
    { length: profile.kafka.brokers },
    (_, i) => `kafka-${i}.kafka.${NAMESPACE}.svc:9092`,
  ).join(',');
  return [
    { name: 'NODE_ENV', value: 'production' },
    { name: 'KAFKA_BROKERS', value: brokers },
    { name: 'REDIS_URL', value: `redis://redis.${NAMESPACE}.svc:6379` },
    { name: 'DATABASE_URL', ...secret('database-url') },
    { name: 'JWT_SECRET', ...secret('jwt-secret') },
    { name: 'INTERNAL_SECRET', ...secret('internal-secret') },
    ...SERVICES.map(({ name, port }) => ({
      name: `${name.toUpperCase()}_PORT`,
      value: String(port),
    })),
    // Bulk uploads and photos stream to the owning service over HTTP (the one exception).
    ...['caseload', 'training', 'partners'].map((name) => ({
      name: `${name.toUpperCase()}_URL`,
      value: `http://${name}.${NAMESPACE}.svc:${SERVICES.find((s) => s.name === name).port}`,
    })),
    { name: 'TRUST_PROXY', value: 'uniquelocal' },
    { name: 'KAFKA_TOPIC_PARTITIONS', value: String(profile.partitions) },
  ];
}

function serviceManifests(name, port, profile) {
  const replicas = profile.replicas[name];
  const probe = (path, periodSeconds) => ({
    httpGet: { path, port },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(name),
      spec: {
        replicas,
        selector: { matchLabels: labels(name) },
        // One instance at a time: the consumer group hands its partitions over in seconds.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: labels(name) },
          spec: {
            // Instances spread over machines, so one machine lost is one instance lost.
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: labels(name) },
              },
            ],
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name,
                image: IMAGE,
                command: ['node', `apps/${name}/dist/main.js`],
                ports: [{ name: 'http', containerPort: port }],
                env: environment(profile),
                resources: resources(profile.service),
                startupProbe: { ...probe('/health/live', 5), failureThreshold: 24 },
                livenessProbe: probe('/health/live', 10),
                readinessProbe: probe('/health/ready', 5),
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name),
      spec: { selector: labels(name), ports: [{ name: 'http', port, targetPort: port }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(name),
      spec: { maxUnavailable: 1, selector: { matchLabels: labels(name) } },
    },
  ];
}

function kafkaManifests({ kafka }) {
  const voters = Array.from(
    { length: kafka.brokers },
    (_, i) => `${i}@kafka-${i}.kafka.${NAMESPACE}.svc:9093`,
  ).join(',');
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kafka'),
      spec: {
        clusterIP: 'None',
        selector: labels('kafka'),
        ports: [
          { name: 'broker', port: 9092 },
          { name: 'controller', port: 9093 },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta('kafka'),
      spec: {
        serviceName: 'kafka',
        replicas: kafka.brokers,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: labels('kafka') },
        template: {
          metadata: { labels: labels('kafka') },
          spec: {
            containers: [
              {
                name: 'kafka',
                image: 'apache/kafka:4.1.1',
                // KRaft: every pod is broker and controller; its node id is its ordinal.
                command: [
                  'sh',
                  '-c',
                  'export KAFKA_NODE_ID=${HOSTNAME##*-}; export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://${HOSTNAME}.kafka.jembatan.svc:9092; exec /etc/kafka/docker/run',
                ],
                env: [
                  { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
                  { name: 'KAFKA_LISTENERS', value: 'PLAINTEXT://:9092,CONTROLLER://:9093' },
                  { name: 'KAFKA_CONTROLLER_LISTENER_NAMES', value: 'CONTROLLER' },
                  { name: 'KAFKA_CONTROLLER_QUORUM_VOTERS', value: voters },
                  { name: 'CLUSTER_ID', value: 'jembatan-kafka-cluster-01' },
                  { name: 'KAFKA_LOG_DIRS', value: '/var/lib/kafka/data' },
                  { name: 'KAFKA_DEFAULT_REPLICATION_FACTOR', value: '3' },
                  { name: 'KAFKA_MIN_INSYNC_REPLICAS', value: '2' },
                  { name: 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', value: '3' },
                  { name: 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', value: '3' },
                  { name: 'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR', value: '2' },
                  { name: 'KAFKA_AUTO_CREATE_TOPICS_ENABLE', value: 'false' },
                ],
                ports: [
                  { name: 'broker', containerPort: 9092 },
                  { name: 'controller', containerPort: 9093 },
                ],
                resources: resources(kafka),
                readinessProbe: { tcpSocket: { port: 9092 }, periodSeconds: 10 },
                volumeMounts: [{ name: 'data', mountPath: '/var/lib/kafka/data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: kafka.storage } },
            },
          },
        ],
      },
    },
  ];
}

function statefulStore(name, image, port, size, { env = [], storage, args } = {}) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(name),
      spec: { selector: labels(name), ports: [{ port, targetPort: port }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(name),
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: labels(name) },
        template: {
          metadata: { labels: labels(name) },
          spec: {
            containers: [
              {
                name,
                image,
                ...(args ? { args } : {}),
                env,
                ports: [{ containerPort: port }],
                resources: resources(size),
                readinessProbe: { tcpSocket: { port }, periodSeconds: 10 },
                ...(storage ? { volumeMounts: [{ name: 'data', mountPath: storage.path }] } : {}),
              },
            ],
          },
        },
        ...(storage
          ? {
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data' },
                  spec: {
                    accessModes: ['ReadWriteOnce'],
                    resources: { requests: { storage: storage.size } },
                  },
                },
              ],
            }
          : {}),
      },
    },
  ];
}

/** The portal: the built files served by nginx, which also passes /api to the gateway. */
function portalManifests(profile) {
  const gateway = `http://gateway.${NAMESPACE}.svc:${SERVICES.find((s) => s.name === 'gateway').port}`;
  const nginx = [
    'server {',
    '  listen 8080;',
    '  root /usr/share/nginx/html;',
    `  location /api/ { proxy_pass ${gateway}; proxy_set_header X-Forwarded-For $remote_addr; client_max_body_size 200m; }`,
    '  location / { try_files $uri /index.html; }',
    '}',
    '',
  ].join('\n');
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('portal'),
      data: { 'default.conf': nginx },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('portal'),
      spec: {
        replicas: profile.replicas.portal,
        selector: { matchLabels: labels('portal') },
        template: {
          metadata: { labels: labels('portal') },
          spec: {
            // The built portal comes from the platform image into a shared volume.
            initContainers: [
              {
                name: 'files',
                image: IMAGE,
                command: ['cp', '-r', 'apps/portal/dist/.', '/html/'],
                volumeMounts: [{ name: 'html', mountPath: '/html' }],
              },
            ],
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.27',
                ports: [{ name: 'http', containerPort: 8080 }],
                resources: resources({ cpu: '100m', memory: '128Mi' }),
                readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 },
                volumeMounts: [
                  { name: 'html', mountPath: '/usr/share/nginx/html' },
                  { name: 'config', mountPath: '/etc/nginx/conf.d' },
                ],
              },
            ],
            volumes: [
              { name: 'html', emptyDir: {} },
              { name: 'config', configMap: { name: 'portal' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('portal'),
      spec: { selector: labels('portal'), ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    },
  ];
}

/** Every object of a profile, in the order `kubectl apply -f` should create them. */
export function manifests(profileName) {
  const profile = PROFILES[profileName];
  const migrate = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('migrate'),
    spec: {
      backoffLimit: 3,
      template: {
        metadata: { labels: labels('migrate') },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              // One schema after another: Prisma holds a database-wide lock while migrating.
              command: [
                'sh',
                '-c',
                `for s in ${SERVICES.map((s) => s.name).join(' ')}; do (cd apps/$s && npx prisma migrate deploy) || exit 1; done`,
              ],
              env: [{ name: 'DATABASE_URL', ...secret('database-url') }],
            },
          ],
        },
      },
    },
  };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    ...kafkaManifests(profile),
    // A managed PostgreSQL (with replicas and backups) is the better choice where there is one.
    ...statefulStore('postgres', 'postgres:15', 5432, profile.postgres, {
      env: [
        { name: 'POSTGRES_PASSWORD', ...secret('postgres-password') },
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      ],
      storage: { path: '/var/lib/postgresql/data', size: profile.postgres.storage },
    }),
    ...statefulStore('redis', 'redis:7', 6379, profile.redis, {
      args: ['--maxmemory-policy', 'noeviction'],
    }),
    migrate,
    ...SERVICES.flatMap(({ name, port }) => serviceManifests(name, port, profile)),
    ...portalManifests(profile),
  ];
}

export function render(profileName) {
  const profile = PROFILES[profileName];
  const header = [
    `# Jembatan on Kubernetes: ${profile.description}.`,
    '# Rendered by infra/k8s/render.mjs; edit that file, not this one.',
    '# Before applying: create the secret jembatan-secrets (database-url, jwt-secret,',
    '# internal-secret, postgres-password) and build the image from infra/k8s/Dockerfile.',
    `# Topics are created with ${profile.partitions} partitions each (KAFKA_TOPIC_PARTITIONS): no more instances of a service than that.`,
  ].join('\n');
  const body = manifests(profileName)
    .map((object) => dump(object, { lineWidth: 120, noRefs: true }))
    .join('---\n');
  return `${header}\n${body}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  for (const name of Object.keys(PROFILES)) {
    writeFileSync(join(HERE, `${name}.yaml`), render(name));
    console.warn(`wrote infra/k8s/${name}.yaml`);
  }
