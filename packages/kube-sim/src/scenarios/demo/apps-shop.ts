import type { ScenarioBuilder } from '../builder.js';
import { addSecret } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addIngress, addService } from '../core/network.js';
import { addDeployment, addStatefulSet } from '../core/workloads.js';

import { events } from './apps.js';

export function addShop(b: ScenarioBuilder): void {
  const ns = 'shop';
  addSecret(b, {
    name: 'rabbitmq-conn',
    namespace: ns,
    data: { 'amqp-url': 'amqp://orders:demo@rabbitmq.shop.svc:5672/' },
  });
  const api = addDeployment(b, {
    name: 'api',
    namespace: ns,
    replicas: 6,
    labels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' },
    containers: [ctr('api', 'ghcr.io/acme/shop-api:5.2.0', { port: 8080, cpu: '300m', memory: '384Mi' })],
    states: ['running', 'running', 'running', 'running', 'running', 'notready'],
    revision: 7,
    ageSeconds: 90 * 86400,
  });
  events(b, api.pods[5], 'unhealthy');
  addService(b, {
    name: 'api',
    namespace: ns,
    selector: { app: 'api' },
    labels: { app: 'api' },
    ports: [{ name: 'http', port: 8080 }],
  });
  addDeployment(b, {
    name: 'orders-consumer',
    namespace: ns,
    replicas: 2,
    containers: [ctr('consumer', 'ghcr.io/acme/orders-consumer:2.0.4', { cpu: '200m', memory: '256Mi' })],
    ageSeconds: 40 * 86400,
  });
  addStatefulSet(b, {
    name: 'rabbitmq',
    namespace: ns,
    replicas: 1,
    containers: [
      ctr('rabbitmq', 'docker.io/library/rabbitmq:4.1-management', {
        port: 5672,
        portName: 'amqp',
        cpu: '250m',
        memory: '1Gi',
      }),
    ],
    volumeClaims: [{ name: 'data', size: '8Gi', storageClass: 'gp3' }],
    ageSeconds: 90 * 86400,
  });
  addService(b, {
    name: 'rabbitmq',
    namespace: ns,
    selector: { app: 'rabbitmq' },
    ports: [{ name: 'amqp', port: 5672 }],
  });
  addDeployment(b, {
    name: 'frontend',
    namespace: ns,
    replicas: 2,
    containers: [ctr('frontend', 'ghcr.io/acme/shop-frontend:5.2.1', { port: 3000, cpu: '100m', memory: '256Mi' })],
    ageSeconds: 90 * 86400,
    revision: 9,
  });
  addService(b, {
    name: 'frontend',
    namespace: ns,
    selector: { app: 'frontend' },
    ports: [{ name: 'http', port: 80, targetPort: 3000 }],
  });
  addIngress(b, { name: 'shop', namespace: ns, host: 'shop.example.com', service: 'frontend', port: 80 });
}

export function addCmsAndDefault(b: ScenarioBuilder): void {
  addSecret(b, { name: 'mariadb-galera-root', namespace: 'cms', data: { 'root-password': 'demo-root-pw' } });
  addDeployment(b, {
    name: 'wordpress',
    namespace: 'cms',
    replicas: 2,
    containers: [
      ctr('wordpress', 'docker.io/library/wordpress:6.8-apache', { port: 80, cpu: '200m', memory: '512Mi' }),
    ],
    ageSeconds: 100 * 86400,
  });
  addService(b, {
    name: 'wordpress',
    namespace: 'cms',
    selector: { app: 'wordpress' },
    ports: [{ name: 'http', port: 80 }],
  });
  addIngress(b, { name: 'wordpress', namespace: 'cms', host: 'blog.example.com', service: 'wordpress', port: 80 });
  addDeployment(b, {
    name: 'hello-web',
    namespace: 'default',
    replicas: 1,
    containers: [ctr('web', 'docker.io/library/nginx:1.27', { port: 80, cpu: '50m', memory: '64Mi' })],
    ageSeconds: 5 * 86400,
  });
  addService(b, {
    name: 'hello-web',
    namespace: 'default',
    selector: { app: 'hello-web' },
    ports: [{ name: 'http', port: 80 }],
  });
}
