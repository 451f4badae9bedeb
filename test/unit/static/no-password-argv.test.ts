/**
 * A password never goes on a command line: any local process reads every process's
 * arguments (`ps`). The database's health checks take it from the environment instead
 * (MYSQL_PWD, which mysqladmin and mariadb-admin read), in compose.yaml and in k8s/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { paths } from '../../../scripts/lib/paths.ts';
import { committedFields } from '../k8s/committed.ts';

/** `-p<password>`, `-p "<password>"` or `--password[=...]` in a client command line. */
const PASSWORD_ARGUMENT = /(^|\s)(-p\S|-p\s+["'$]|--password\b)/;

function passwordArguments(commands: { where: string; line: string }[]): string[] {
  return commands.filter(({ line }) => PASSWORD_ARGUMENT.test(line)).map(({ where, line }) => `${where}: ${line}`);
}

describe('no password on a command line', () => {
  it('the rule finds a password argument and leaves MYSQL_PWD alone', () => {
    const judge = (line: string) => passwordArguments([{ where: 'x', line }]).length;
    expect(judge('mysqladmin ping -h 127.0.0.1 -uroot -p"$MYSQL_ROOT_PASSWORD" --silent')).toBe(1);
    expect(judge('mysql -p $PW')).toBe(1);
    expect(judge('mariadb-admin --password=x ping')).toBe(1);
    expect(judge('MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysqladmin ping -h 127.0.0.1 -uroot --silent')).toBe(0);
  });

  it("compose.yaml's health checks", () => {
    const compose = parse(readFileSync(join(paths.repoRoot, 'compose', 'compose.yaml'), 'utf8')) as { services: Record<string, { healthcheck?: { test?: string[] } }> };
    const commands = Object.entries(compose.services).flatMap(([service, { healthcheck }]) => (healthcheck?.test ?? []).map((line) => ({ where: service, line })));
    expect(commands.some(({ where, line }) => where === 'mysql' && /MYSQL_PWD=/.test(line))).toBe(true);
    expect(passwordArguments(commands)).toEqual([]);
  });

  it("k8s/'s probes and commands", () => {
    const commands = committedFields(['command', 'args'])
      .filter(({ value }) => Array.isArray(value))
      .flatMap(({ file, value }) => (value as unknown[]).map((line) => ({ where: file, line: String(line) })));
    expect(commands.length).toBeGreaterThan(3);
    expect(passwordArguments(commands)).toEqual([]);
  });
});
