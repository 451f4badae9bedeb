/**
 * Runs the Java validator of k8s/validate (Strimzi's API model, io.strimzi:api) through
 * Maven. The first run downloads Maven's plugins and Strimzi's jars into ~/.m2 (or
 * -Dmaven.repo.local); later runs start from that cache.
 */
import { join } from 'node:path';
import { realExec, type Exec } from '../exec.ts';
import { UserError } from '../errors.ts';
import { k8sDir } from './generated-files.ts';

export const validatorPom = join(k8sDir, 'validate', 'pom.xml');

export interface MavenRun {
  ok: boolean;
  output: string;
  seconds: number;
}

export async function runStrimziValidator(files: string[], mavenArgs: string[] = [], exec: Exec = realExec, now = () => Date.now()): Promise<MavenRun> {
  const started = now();
  // exec.args is split on spaces by the exec plugin: the generated paths have none.
  const args = ['-B', '-q', '-Dstyle.color=never', '-f', validatorPom, ...mavenArgs, 'compile', 'exec:java', `-Dexec.args=${files.join(' ')}`];
  const result = await exec('mvn', args, { timeoutMs: 30 * 60_000 });
  const seconds = (now() - started) / 1000;
  if (result.code === 127) {
    throw new UserError('Maven (mvn) is not installed: the Strimzi resources are checked by a Java validator (k8s/validate)', 'install Maven and a JDK 17 (Debian: apt-get install maven openjdk-17-jdk-headless)');
  }
  // Maven 3.8 still writes colour resets with -Dstyle.color=never.
  const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '').trim();
  return { ok: result.code === 0, output, seconds };
}
