/**
 * The pieces of k8s:check's Strimzi check that run without Maven: the strict schema (unknown
 * fields refused), the Java lookup, the Maven command and the reviewed checksums.
 */
import { describe, expect, it } from 'vitest';
import { validateAgainstSchemas, strictSchema } from '../../../scripts/lib/k8s/crd-schema.ts';
import { findJava, javaMajor } from '../../../scripts/lib/k8s/find-java.ts';
import { checksumProblems, parseChecksums, renderChecksums } from '../../../scripts/lib/k8s/maven-checksums.ts';
import { generatorArgs, mavenArgs, STRIMZI_KINDS } from '../../../scripts/lib/k8s/strimzi-crds.ts';
import { pinnedVersions, repoFile } from './committed.ts';

/** A cut of what io.strimzi:crd-generator writes for Kafka v1: typed objects, an open `config` map, labels as a map. */
const kafkaSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        kafka: {
          type: 'object',
          properties: {
            listeners: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                properties: { name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' }, port: { type: 'integer', minimum: 9092 }, authentication: { type: 'object', properties: { type: { type: 'string', enum: ['tls', 'scram-sha-512'] } }, required: ['type'] } },
                required: ['name', 'port'],
              },
            },
            config: { 'x-kubernetes-preserve-unknown-fields': true, type: 'object' },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
          required: ['listeners'],
        },
      },
      required: ['kafka'],
    },
  },
};

const kafka = (kafkaSpec: object, apiVersion = 'kafka.strimzi.io/v1') => ({ file: 'k.yaml', document: { apiVersion, kind: 'Kafka', metadata: { name: 'booking', labels: { any: 'x' } }, spec: { kafka: kafkaSpec } } });
const check = (doc: ReturnType<typeof kafka>) => validateAgainstSchemas([doc], { Kafka: kafkaSchema }, 'kafka.strimzi.io/v1').problems;
const listener = { name: 'plain', port: 9092, authentication: { type: 'scram-sha-512' } };

describe("Strimzi resources against the generated CRD schema", () => {
  it('an unknown field in a Strimzi resource is refused by the generated schema', () => {
    expect(check(kafka({ listeners: [listener] }))).toEqual([]);
    expect(check(kafka({ listeners: [{ ...listener, authentification: { type: 'tls' } }] }))).toEqual(['k.yaml: Kafka/booking: /spec/kafka/listeners/0: unknown field "authentification"']);
    expect(check(kafka({ listners: [listener] } as object))).toEqual([
      'k.yaml: Kafka/booking: /spec/kafka must have required property \'listeners\'',
      'k.yaml: Kafka/booking: /spec/kafka: unknown field "listners"',
    ]);
  });

  it('keeps open what the CRD leaves open: config maps, string maps, metadata', () => {
    expect(check(kafka({ listeners: [listener], config: { 'auto.create.topics.enable': false }, labels: { a: 'b' } }))).toEqual([]);
    expect(check(kafka({ listeners: [listener], labels: { a: 1 } }))).toEqual(['k.yaml: Kafka/booking: /spec/kafka/labels/a must be string']);
  });

  it("refuses what the schema's types, enums, patterns and minimums refuse, and another API version", () => {
    expect(check(kafka({ listeners: [{ name: 'Plain_Listener', port: 80, authentication: { type: 'scram' } }] }))).toHaveLength(3);
    expect(check(kafka({ listeners: [listener] }, 'kafka.strimzi.io/v1beta2'))).toEqual(['k.yaml: Kafka/booking: apiVersion is kafka.strimzi.io/v1beta2, expected kafka.strimzi.io/v1']);
    expect(validateAgainstSchemas([{ ...kafka({}), document: { ...kafka({}).document, kind: 'KafkaBridge' } }], { Kafka: kafkaSchema }, 'kafka.strimzi.io/v1').problems[0]).toMatch(/no CRD schema for kind KafkaBridge/);
  });

  it('leaves the given schema as it was', () => {
    const before = JSON.stringify(kafkaSchema);
    strictSchema(kafkaSchema);
    expect(JSON.stringify(kafkaSchema)).toBe(before);
  });
});

describe("k8s:check's Maven run and generator", () => {
  it('runs Maven with --strict-checksums in its own local repository', () => {
    const args = mavenArgs('/repo', '/cp.txt');
    expect(args).toContain('--strict-checksums');
    expect(args).toContain('-Dmaven.repo.local=/repo');
  });

  it('generates a v1-only CRD for every kind the project writes', () => {
    const args = generatorArgs('a.jar:b.jar', '/out');
    expect(args.slice(args.indexOf('--api-versions'), args.indexOf('--api-versions') + 2)).toEqual(['--api-versions', 'v1']);
    expect(Object.keys(STRIMZI_KINDS).sort()).toEqual(['Kafka', 'KafkaConnect', 'KafkaConnector', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser']);
    expect(args).toContain('io.strimzi.api.kafka.model.user.KafkaUser=/out/KafkaUser.yaml');
  });

  it('the reviewed checksums cover the Strimzi API model pinned in compose/versions.env and the CRD generator of the pom', () => {
    const reviewed = parseChecksums(repoFile('k8s', 'validate', 'artifacts.sha256'));
    const generator = /<strimzi\.crd-generator\.version>([^<]+)</.exec(repoFile('k8s', 'validate', 'pom.xml'))![1];
    const api = pinnedVersions().STRIMZI_VERSION;
    expect(Object.keys(reviewed)).toContain(`io/strimzi/api/${api}/api-${api}.jar`);
    expect(Object.keys(reviewed)).toContain(`io/strimzi/crd-generator/${generator}/crd-generator-${generator}.jar`);
    expect(Object.keys(reviewed).length).toBeGreaterThan(50);
  });

  it('names every file that differs from the reviewed list, is not in it, or is missing after the run', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const reviewed = parseChecksums(renderChecksums({ 'x/x.jar': a, 'y/y.pom': a }));
    expect(reviewed).toEqual({ 'x/x.jar': a, 'y/y.pom': a });
    expect(checksumProblems(reviewed, { 'x/x.jar': b, 'z/z.jar': a }, { required: false })).toEqual([
      `x/x.jar has SHA-256 ${b}, the reviewed list says ${a}`,
      'z/z.jar is not in the reviewed list',
    ]);
    expect(checksumProblems(reviewed, { 'x/x.jar': a }, { required: true })).toEqual(['y/y.pom is in the reviewed list but was not downloaded']);
    expect(checksumProblems(reviewed, { 'x/x.jar': a }, { required: false })).toEqual([]);
  });
});

describe('the Java for the CRD generator', () => {
  const probe = (homes: Record<string, string>, env: Record<string, string> = {}) => ({
    env,
    release: (home: string) => (home in homes ? `IMPLEMENTOR="x"\nJAVA_VERSION="${homes[home]}"\n` : undefined),
    jvmDirs: () => Object.keys(homes).filter((home) => home.startsWith('/usr/lib/jvm/')),
  });

  it('reads the major version from a release file', () => {
    expect(javaMajor('JAVA_VERSION="25.0.3"\n')).toBe(25);
    expect(javaMajor('JAVA_VERSION="1.8.0_402"')).toBe(8);
    expect(javaMajor('nothing')).toBeUndefined();
  });

  it('takes K8S_JAVA_HOME first, then a JDK 21+ under /usr/lib/jvm, never the 17 that runs Maven', () => {
    const homes = { '/usr/lib/jvm/java-17-openjdk-amd64': '17.0.15', '/usr/lib/jvm/temurin-25-jdk-amd64': '25.0.3', '/opt/jdk21': '21.0.4' };
    expect(findJava(probe(homes)).home).toBe('/usr/lib/jvm/temurin-25-jdk-amd64');
    expect(findJava(probe(homes, { K8S_JAVA_HOME: '/opt/jdk21', JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64' }))).toEqual({ home: '/opt/jdk21', java: '/opt/jdk21/bin/java', major: 21 });
  });

  it('says what it found and how to get a Java 21 when there is none', () => {
    expect(() => findJava(probe({ '/usr/lib/jvm/java-17-openjdk-amd64': '17.0.15' }))).toThrow(/no Java 21 or newer.*found only Java 17 at \/usr\/lib\/jvm\/java-17-openjdk-amd64/);
  });
});
