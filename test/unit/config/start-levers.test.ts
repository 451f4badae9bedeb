import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../scripts/lib/config/load-config.ts';
import { derivedVariables, LATER_DEFAULTS, stackConfigOf, startLeverIssues, startLeversOf, START_LEVER_DEFAULTS } from '../../../scripts/lib/config/stack-config.ts';
import { parseEnvFile } from '../../../scripts/lib/config/env-file.ts';
import { readFileSync } from 'node:fs';
import { paths } from '../../../scripts/lib/paths.ts';

const where = () => '.env:40';

describe('start levers', () => {
  it('default to what the stack ran before they existed: service_load, every Elasticsearch feature, no start interval, the healthchecks\' gates', () => {
    expect(startLeversOf({})).toEqual({ connectPluginDiscovery: 'service_load', elasticsearchLean: false, earlyStart: false });
    expect(startLeversOf({ CONNECT_PLUGIN_DISCOVERY: '', ELASTICSEARCH_LEAN: '', HEALTHCHECK_START_INTERVAL: '', EARLY_START: '' })).toEqual(startLeversOf({}));
    expect(startLeversOf({ HEALTHCHECK_START_INTERVAL: 'off' }).healthcheckStartInterval).toBeUndefined();
  });

  it('reads each value the stack can apply', () => {
    expect(startLeversOf({ CONNECT_PLUGIN_DISCOVERY: 'only_scan', ELASTICSEARCH_LEAN: 'on', HEALTHCHECK_START_INTERVAL: '500ms', EARLY_START: 'on' })).toEqual({
      connectPluginDiscovery: 'only_scan',
      elasticsearchLean: true,
      healthcheckStartInterval: '500ms',
      earlyStart: true,
    });
    expect(startLeverIssues({ CONNECT_PLUGIN_DISCOVERY: 'hybrid_fail', ELASTICSEARCH_LEAN: 'off', HEALTHCHECK_START_INTERVAL: '1.5s', EARLY_START: 'off' }, where)).toEqual([]);
    expect(startLeverIssues({ EARLY_START: 'on' }, where)).toEqual([]);
  });

  it('refuses what Connect, the overlay or Compose would not take, each with its fix', () => {
    const issues = startLeverIssues({ CONNECT_PLUGIN_DISCOVERY: 'SERVICE-LOAD', ELASTICSEARCH_LEAN: 'true', HEALTHCHECK_START_INTERVAL: '0s', EARLY_START: 'yes' }, where);
    expect(issues.map((issue) => issue.key)).toEqual(['CONNECT_PLUGIN_DISCOVERY', 'ELASTICSEARCH_LEAN', 'HEALTHCHECK_START_INTERVAL', 'EARLY_START']);
    expect(issues[0]!.message).toBe('CONNECT_PLUGIN_DISCOVERY="SERVICE-LOAD" (.env:40) is not one of only_scan, hybrid_warn, hybrid_fail, service_load (Kafka Connect would refuse to start)');
    expect(issues[1]!.fix).toBe('set ELASTICSEARCH_LEAN=off (or on) in .env');
    expect(issues[3]!.message).toBe('EARLY_START="yes" (.env:40) is not on or off');
    expect(issues[3]!.fix).toBe('set EARLY_START=off (or on) in .env');
    expect(startLeverIssues({ HEALTHCHECK_START_INTERVAL: '2' }, where)[0]!.message).toContain('neither off nor a time like 1s or 500ms');
  });

  it('are defaults for an older .env, and compose/.env.example documents each with its default', () => {
    const example = Object.fromEntries(parseEnvFile(readFileSync(paths.envExample, 'utf8'), 'compose/.env.example').entries.map((entry) => [entry.key, entry.text]));
    for (const [key, value] of Object.entries(START_LEVER_DEFAULTS)) {
      expect(LATER_DEFAULTS[key]).toBe(value);
      expect(example[key]).toBe(value);
    }
  });

  it("hand Connect's plugin.discovery to compose.yaml as a derived variable", () => {
    expect(derivedVariables(stackConfigOf({ CONNECT_PLUGIN_DISCOVERY: 'hybrid_warn' })).CONNECT_PLUGIN_DISCOVERY).toBe('hybrid_warn');
    expect(derivedVariables(stackConfigOf({})).CONNECT_PLUGIN_DISCOVERY).toBe('service_load');
  });

  it('take a value from the shell above .env, also when an older .env lacks the variable (as Compose does)', () => {
    const files: Record<string, string> = { '/r/.env': 'DB_ENGINE=mysql\nELASTICSEARCH_LEAN=off\n' };
    const read = (path: string) => files[path]!;
    const inFile = loadConfig({ files: ['/r/.env'], env: { ELASTICSEARCH_LEAN: 'on' }, read, root: '/r' }).config;
    expect(inFile.values.ELASTICSEARCH_LEAN).toBe('on');
    expect(inFile.overrides).toEqual([{ key: 'ELASTICSEARCH_LEAN', file: '.env', fileValue: 'off', shellValue: 'on' }]);
    files['/r/.env'] = 'DB_ENGINE=mysql\n';
    const older = loadConfig({ files: ['/r/.env'], env: { CONNECT_PLUGIN_DISCOVERY: 'only_scan', NOT_OURS: 'x' }, read, root: '/r' }).config;
    expect(older.values).toEqual({ DB_ENGINE: 'mysql', CONNECT_PLUGIN_DISCOVERY: 'only_scan' });
    expect(older.origins.CONNECT_PLUGIN_DISCOVERY).toBe('environment');
  });
});
