/**
 * Finds a Java 21 or newer for Strimzi's CRD generator (io.strimzi:crd-generator 1.2.0 is
 * built for Java 21), without changing which Java runs anything else: Maven keeps the JDK
 * it runs on; only the generator's process gets this one. Looked at, in order:
 * K8S_JAVA_HOME, JAVA_HOME, every JDK under /usr/lib/jvm, and the one ci/host/install-java.sh
 * puts in /opt/booking-ci/java on a Debian 12 machine (which has no Java 21 package).
 * A Java home is recognised by its `release` file (JAVA_VERSION="21.0.4").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.ts';

export const MIN_JAVA = 21;
export const CI_JAVA_HOME = '/opt/booking-ci/java';
const JVM_DIR = '/usr/lib/jvm';

export interface JavaHome {
  home: string;
  java: string;
  major: number;
}

export interface JavaProbe {
  env: Record<string, string | undefined>;
  /** The text of <home>/release, or undefined when there is none. */
  release(home: string): string | undefined;
  /** Directories under /usr/lib/jvm. */
  jvmDirs(): string[];
}

export const realJavaProbe: JavaProbe = {
  env: process.env,
  release: (home) => (existsSync(join(home, 'release')) ? readFileSync(join(home, 'release'), 'utf8') : undefined),
  jvmDirs: () => (existsSync(JVM_DIR) ? readdirSync(JVM_DIR).map((name) => join(JVM_DIR, name)) : []),
};

/** JAVA_VERSION="25.0.3" → 25; "1.8.0_402" → 8. */
export function javaMajor(release: string): number | undefined {
  const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
  if (!version) return undefined;
  const [first, second] = version.split('.').map(Number);
  return first === 1 ? second : first;
}

export function findJava(probe: JavaProbe = realJavaProbe, min = MIN_JAVA): JavaHome {
  const candidates = [probe.env.K8S_JAVA_HOME, probe.env.JAVA_HOME, ...probe.jvmDirs().sort().reverse(), CI_JAVA_HOME].filter((home): home is string => Boolean(home));
  const seen: string[] = [];
  for (const home of [...new Set(candidates)]) {
    const release = probe.release(home);
    if (release === undefined) continue;
    const major = javaMajor(release);
    if (major !== undefined && major >= min) return { home, java: join(home, 'bin', 'java'), major };
    seen.push(`Java ${major ?? '?'} at ${home}`);
  }
  throw new UserError(
    `no Java ${min} or newer found for Strimzi's CRD generator (io.strimzi:crd-generator needs it)${seen.length ? `; found only ${seen.join(', ')}` : ''}`,
    `set K8S_JAVA_HOME to a Java ${min}+ home (Debian 13: apt-get install openjdk-21-jre-headless; Debian 12: sudo bash ci/host/install-java.sh)`,
  );
}
