import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadAll } from 'js-yaml';
import { SERVICES } from '../lib/processes.mjs';
import { PROFILES, render } from './render.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

describe.each(Object.keys(PROFILES))('the %s manifests', (name) => {
  const profile = PROFILES[name];
  const objects = loadAll(readFileSync(join(HERE, `${name}.yaml`), 'utf8'));
  const find = (kind, object) => objects.find((o) => o.kind === kind && o.metadata.name === object);

  it('are what render.mjs renders now (run node infra/k8s/render.mjs after editing it)', () => {
    expect(readFileSync(join(HERE, `${name}.yaml`), 'utf8')).toBe(render(name));
  });

  it.each(SERVICES.map((s) => [s.name, s.port]))(
    'run %s as several instances, probed on its health routes, no more than its partitions',
    (service, port) => {
      const deployment = find('Deployment', service);
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec.replicas).toBeLessThanOrEqual(profile.partitions);
      const [container] = deployment.spec.template.spec.containers;
      expect(container.command).toEqual(['node', `apps/${service}/dist/main.js`]);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port });
      const env = Object.fromEntries(container.env.map((e) => [e.name, e.value ?? e.valueFrom]));
      expect(env.KAFKA_TOPIC_PARTITIONS).toBe(String(profile.partitions));
      expect(env.KAFKA_BROKERS.split(',')).toHaveLength(profile.kafka.brokers);
      expect(env.JWT_SECRET).toEqual({
        secretKeyRef: { name: 'jembatan-secrets', key: 'jwt-secret' },
      });
      expect(find('Service', service).spec.ports[0].port).toBe(port);
      expect(find('PodDisruptionBudget', service).spec.maxUnavailable).toBe(1);
    },
  );

  it('keep Kafka as a three-broker cluster that survives one broker lost', () => {
    const kafka = find('StatefulSet', 'kafka');
    expect(kafka.spec.replicas).toBe(3);
    const env = Object.fromEntries(
      kafka.spec.template.spec.containers[0].env.map((e) => [e.name, e.value]),
    );
    expect(env.KAFKA_DEFAULT_REPLICATION_FACTOR).toBe('3');
    expect(env.KAFKA_MIN_INSYNC_REPLICAS).toBe('2');
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS.split(',')).toHaveLength(3);
  });

  it('migrate every service schema before the services, and serve the portal', () => {
    const migrate = find('Job', 'migrate');
    const script = migrate.spec.template.spec.containers[0].command.join(' ');
    for (const { name: service } of SERVICES) expect(script).toContain(service);
    expect(find('Deployment', 'portal').spec.replicas).toBeGreaterThanOrEqual(2);
    expect(find('ConfigMap', 'portal').data['default.conf']).toContain(
      'proxy_pass http://gateway.',
    );
    expect(find('StatefulSet', 'postgres')).toBeDefined();
    expect(find('StatefulSet', 'redis')).toBeDefined();
  });
});
