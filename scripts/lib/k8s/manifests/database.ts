/**
 * MySQL 8.4 as a StatefulSet with a PersistentVolumeClaim: one primary, as in compose.
 * An operator (MySQL Operator for Kubernetes, Percona) adds failover and backups; at the
 * scale of this platform one StatefulSet is simpler to read and to reset, and the setup
 * stays the compose one: the same server flags (compose.yaml's mysql `command`, read
 * from there) and the same db-setup step (services/db-setup), run as a Job.
 */
import type { IService } from 'kubernetes-models/v1/Service';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { SAGA_SERVICES } from '../../config/stack-config.ts';
import { version, type K8sContext } from '../context.ts';
import { k8sNames, labels } from '../names.ts';
import { servicesImage } from './images.ts';
import { service } from './workloads.ts';

export const secretEnv = (name: string, secret: string, key: string = k8sNames.passwordKey): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

export function mysql(ctx: K8sContext): [IService, IStatefulSet] {
  const selector = labels(k8sNames.mysql);
  const statefulSet: IStatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: k8sNames.mysql, labels: selector },
    spec: {
      serviceName: k8sNames.mysql,
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: selector },
        spec: {
          containers: [
            {
              name: 'mysql',
              image: `mysql:${version(ctx, 'MYSQL_VERSION')}`,
              // args, like compose's `command`: the official entrypoint puts mysqld before flags.
              args: ctx.mysqlFlags,
              env: [secretEnv('MYSQL_ROOT_PASSWORD', k8sNames.secrets.mysqlRoot)],
              ports: [{ name: 'mysql', containerPort: 3306 }],
              // Over TCP, as compose's healthcheck: the first-start temporary server has no network.
              // The password through MYSQL_PWD, never as -p on a command line that `ps` shows.
              readinessProbe: {
                exec: { command: ['bash', '-c', 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysqladmin ping -h 127.0.0.1 -uroot --silent'] },
                periodSeconds: 3,
                timeoutSeconds: 3,
                failureThreshold: 3,
              },
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: ctx.target.mysql.storage } } },
        },
      ],
    },
  };
  return [service(k8sNames.mysql, 3306, { portName: 'mysql' }), statefulSet];
}

/** services/db-setup: database, users and grants, migrations, sample data; idempotent, as on every compose `up`. */
export function dbSetupJob(ctx: K8sContext): IJob {
  const { values } = ctx;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: k8sNames.dbSetup, labels: labels(k8sNames.dbSetup) },
    spec: {
      // Retries cover a Job that starts before MySQL is ready (db-setup also waits for it itself).
      backoffLimit: 6,
      template: {
        metadata: { labels: labels(k8sNames.dbSetup) },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: k8sNames.dbSetup,
              image: servicesImage(ctx),
              imagePullPolicy: ctx.target.imagePullPolicy,
              command: ['node', 'services/dist/db-setup/main.js'],
              env: [
                { name: 'MYSQL_HOST', value: k8sNames.mysql },
                { name: 'MYSQL_PORT', value: '3306' },
                { name: 'MYSQL_DATABASE', value: ctx.stack.database.name },
                { name: 'MYSQL_USER', value: ctx.stack.database.user },
                secretEnv('MYSQL_PASSWORD', k8sNames.secrets.mysqlApp),
                secretEnv('MYSQL_ROOT_PASSWORD', k8sNames.secrets.mysqlRoot),
                { name: 'DEBEZIUM_DB_USER', value: required(values, 'DEBEZIUM_DB_USER') },
                secretEnv('DEBEZIUM_DB_PASSWORD', k8sNames.secrets.mysqlDebezium),
                { name: 'SEED_SAMPLE_DATA', value: required(values, 'SEED_SAMPLE_DATA') },
                ...serviceDatabaseEnv(ctx),
              ],
            },
          ],
        },
      },
    },
  };
}

/** Each saga service's database and account, as compose.yaml gives db-setup them; the password from its Secret. */
function serviceDatabaseEnv(ctx: K8sContext): IEnvVar[] {
  return SAGA_SERVICES.flatMap((service) => {
    const names = ctx.stack.saga.services[service];
    return [
      { name: names.variables.database, value: names.database },
      { name: names.variables.account, value: names.account },
      secretEnv(names.variables.password, k8sNames.secrets.mysqlServices[service]),
    ];
  });
}

export function required(values: Record<string, string>, name: string): string {
  const value = values[name];
  if (!value) throw new Error(`compose/.env.example has no default for ${name}`);
  return value;
}
