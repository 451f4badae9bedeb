/**
 * The Kafka login a service reads from its environment: SCRAM-SHA-512 when
 * KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are set (the Kubernetes cluster's Kafka
 * authenticates every client, k8s/README.md), none when both are absent (compose's broker
 * is open inside its network). Both or neither: one without the other is a deployment
 * mistake, said at start with the other settings' problems.
 */
import type { Env, EnvReader } from '../env-reader.ts';

export interface KafkaSasl {
  mechanism: 'scram-sha-512';
  username: string;
  password: string;
}

export function readKafkaSasl(env: Env, read: EnvReader): KafkaSasl | undefined {
  if (!env.KAFKA_SASL_USERNAME?.trim() && !env.KAFKA_SASL_PASSWORD?.trim()) return undefined;
  return { mechanism: 'scram-sha-512', username: read.string('KAFKA_SASL_USERNAME'), password: read.string('KAFKA_SASL_PASSWORD') };
}
