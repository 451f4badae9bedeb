/**
 * Strimzi's CRD schemas, generated here from Strimzi's own API model (io.strimzi:api) by
 * Strimzi's CRD generator (io.strimzi:crd-generator), as Strimzi builds the CRDs it releases.
 * Maven resolves both (strict checksums, its own local repository, every file checked against
 * k8s/validate/artifacts.sha256 before anything runs); the generator then runs on a Java 21+
 * (find-java.ts) and writes one CRD per kind to k8s/validate/target/crds/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { realExec, type Exec } from '../exec.ts';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { k8sDir } from './generated-files.ts';
import { findJava, type JavaHome } from './find-java.ts';
import { checksumProblems, checksumsFile, hashRepository, parseChecksums, renderChecksums } from './maven-checksums.ts';

export const validatorPom = join(k8sDir, 'validate', 'pom.xml');
export const defaultMavenRepo = join(paths.repoRoot, '.cache', 'k8s-validate', 'm2');
const targetDir = join(k8sDir, 'validate', 'target');

/** Every kind this project writes → its class in io.strimzi:api. */
export const STRIMZI_KINDS: Record<string, string> = {
  Kafka: 'io.strimzi.api.kafka.model.kafka.Kafka',
  KafkaNodePool: 'io.strimzi.api.kafka.model.nodepool.KafkaNodePool',
  KafkaTopic: 'io.strimzi.api.kafka.model.topic.KafkaTopic',
  KafkaUser: 'io.strimzi.api.kafka.model.user.KafkaUser',
  KafkaConnect: 'io.strimzi.api.kafka.model.connect.KafkaConnect',
  KafkaConnector: 'io.strimzi.api.kafka.model.connector.KafkaConnector',
};

/** The API version the manifests are held to: the generated CRDs serve only it. */
export const STRIMZI_VERSION = 'v1';

export function mavenArgs(repo: string, classpathFile: string, pom = validatorPom): string[] {
  return ['-B', '-q', '--strict-checksums', '-Dstyle.color=never', `-Dmaven.repo.local=${repo}`, '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`];
}

export function generatorArgs(classpath: string, outDir: string): string[] {
  return [
    '-cp',
    classpath,
    'io.strimzi.crdgenerator.CrdGenerator',
    '--crd-api-version',
    'v1',
    '--api-versions',
    STRIMZI_VERSION,
    '--storage-version',
    STRIMZI_VERSION,
    '--yaml',
    ...Object.entries(STRIMZI_KINDS).map(([kind, javaClass]) => `${javaClass}=${join(outDir, `${kind}.yaml`)}`),
  ];
}

export interface StrimziSchemas {
  /** Kind → the openAPIV3Schema of its v1 version. */
  schemas: Record<string, unknown>;
  java: JavaHome;
  mavenSeconds: number;
  generatorSeconds: number;
  /** Reused from the last run: same pom, reviewed list, kinds and Java. */
  cached: boolean;
}

export interface GenerateOptions {
  repo?: string;
  updateChecksums?: boolean;
  exec?: Exec;
  now?: () => number;
  java?: () => JavaHome;
  /** The pom, the reviewed list and the output folder (tests give their own). */
  files?: { pom: string; checksums: string; target: string };
}

export async function generateStrimziSchemas({
  repo = defaultMavenRepo,
  updateChecksums = false,
  exec = realExec,
  now = () => Date.now(),
  java = findJava,
  files = { pom: validatorPom, checksums: checksumsFile, target: targetDir },
}: GenerateOptions = {}): Promise<StrimziSchemas> {
  const javaHome = java();
  const reviewedText = readFileSync(files.checksums, 'utf8');
  const reviewed = parseChecksums(reviewedText);
  const crdDir = join(files.target, 'crds');
  // The generator's output depends only on the pom, the reviewed artifacts, the kinds and the Java: the same
  // inputs reuse the last run's CRDs (a warm run then starts neither Maven nor a JVM).
  const inputsOf = (checksumsText: string) =>
    sha256([readFileSync(files.pom, 'utf8'), checksumsText, JSON.stringify(STRIMZI_KINDS), javaHome.home, String(javaHome.major)].join('\0'));
  const cached = updateChecksums ? undefined : readCachedSchemas(crdDir, inputsOf(reviewedText));
  if (cached) return { schemas: cached, java: javaHome, mavenSeconds: 0, generatorSeconds: 0, cached: true };
  // A tampered or changed cached file is refused before Maven (or anything it cached) runs.
  if (!updateChecksums) failOn(checksumProblems(reviewed, hashRepository(repo), { required: false }));

  mkdirSync(files.target, { recursive: true });
  const classpathFile = join(files.target, 'classpath.txt');
  let started = now();
  const maven = await exec('mvn', mavenArgs(repo, classpathFile, files.pom), { timeoutMs: 30 * 60_000 });
  const mavenSeconds = (now() - started) / 1000;
  if (maven.code === 127) {
    throw new UserError("Maven (mvn) is not installed: it resolves Strimzi's API model and CRD generator for k8s:check", 'install Maven (Debian: apt-get install maven openjdk-17-jdk-headless)');
  }
  if (maven.code !== 0) throw new UserError(`Maven could not resolve k8s/validate/pom.xml:\n${clean(maven.stdout + maven.stderr)}`, 'check the network to Maven Central and the versions in k8s/validate/pom.xml');

  const downloaded = hashRepository(repo);
  let checksumsText = reviewedText;
  if (updateChecksums) {
    checksumsText = renderChecksums(downloaded);
    writeFileSync(files.checksums, checksumsText);
  } else failOn(checksumProblems(reviewed, downloaded, { required: true }));

  rmSync(crdDir, { recursive: true, force: true });
  mkdirSync(crdDir, { recursive: true });
  started = now();
  const generated = await exec(javaHome.java, generatorArgs(readFileSync(classpathFile, 'utf8').trim(), crdDir), { timeoutMs: 5 * 60_000 });
  const generatorSeconds = (now() - started) / 1000;
  if (generated.code !== 0) {
    throw new UserError(`Strimzi's CRD generator failed on Java ${javaHome.major} (${javaHome.home}):\n${clean(generated.stdout + generated.stderr)}`, 'set K8S_JAVA_HOME to another Java 21+ home');
  }
  const schemas: Record<string, unknown> = {};
  const crdHashes: Record<string, string> = {};
  for (const kind of Object.keys(STRIMZI_KINDS)) {
    const text = readFileSync(join(crdDir, `${kind}.yaml`), 'utf8');
    schemas[kind] = v1Schema(text, kind);
    crdHashes[kind] = sha256(text);
  }
  writeFileSync(join(crdDir, STAMP), JSON.stringify({ inputs: inputsOf(checksumsText), crds: crdHashes }));
  return { schemas, java: javaHome, mavenSeconds, generatorSeconds, cached: false };
}

const STAMP = 'stamp.json';

/** The CRDs of an earlier run with the same inputs, each file unchanged since; otherwise undefined. */
function readCachedSchemas(crdDir: string, inputs: string): Record<string, unknown> | undefined {
  if (!existsSync(join(crdDir, STAMP))) return undefined;
  const stamp = JSON.parse(readFileSync(join(crdDir, STAMP), 'utf8')) as { inputs?: string; crds?: Record<string, string> };
  if (stamp.inputs !== inputs) return undefined;
  const schemas: Record<string, unknown> = {};
  for (const kind of Object.keys(STRIMZI_KINDS)) {
    const file = join(crdDir, `${kind}.yaml`);
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    if (stamp.crds?.[kind] !== sha256(text)) return undefined;
    schemas[kind] = v1Schema(text, kind);
  }
  return schemas;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The openAPIV3Schema of the served version of a generated CRD. */
export function v1Schema(crdYaml: string, kind: string): unknown {
  const crd = parse(crdYaml) as { spec?: { versions?: Array<{ name: string; schema?: { openAPIV3Schema?: unknown } }> } };
  const schema = crd.spec?.versions?.find((v) => v.name === STRIMZI_VERSION)?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`the generated CRD of ${kind} has no ${STRIMZI_VERSION} schema`);
  return schema;
}

function failOn(problems: string[]): void {
  if (problems.length === 0) return;
  throw new UserError(
    `k8s:check's Maven downloads differ from the reviewed list (k8s/validate/artifacts.sha256):\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`,
    'if you changed k8s/validate/pom.xml, run `npm run k8s:check -- --update-checksums` and review the diff; otherwise delete .cache/k8s-validate and run again',
  );
}

// Maven 3.8 still writes colour resets with -Dstyle.color=never.
const clean = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').trim();
