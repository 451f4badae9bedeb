import { describe, expect, it } from 'vitest';
import { apiAtLeast, composeFilesFor } from '../../../scripts/lib/compose/compose-files.ts';
import { createCompose, type ComposeInvocation, type ExecCompose } from '../../../scripts/lib/compose/compose.ts';

const base = '/repo/compose/compose.yaml';
const off = { connectPluginDiscovery: 'service_load', elasticsearchLean: false, earlyStart: false } as const;

describe('compose files', () => {
  it('compares engine API versions part by part; an unknown one is never enough', () => {
    expect(apiAtLeast('1.44', '1.44')).toBe(true);
    expect(apiAtLeast('1.47', '1.44')).toBe(true);
    expect(apiAtLeast('1.41', '1.44')).toBe(false);
    expect(apiAtLeast('1.100', '1.44')).toBe(true);
    expect(apiAtLeast('2.0', '1.44')).toBe(true);
    expect(apiAtLeast(undefined, '1.44')).toBe(false);
    expect(apiAtLeast('', '1.44')).toBe(false);
  });

  it('is compose.yaml alone with every lever off', () => {
    expect(composeFilesFor(base, off, undefined)).toEqual([base]);
  });

  it('adds the lean Elasticsearch overlay whatever the engine', () => {
    expect(composeFilesFor(base, { ...off, elasticsearchLean: true }, '1.41')).toEqual([base, '/repo/compose/elasticsearch-lean.yaml']);
  });

  it('adds the early-start overlay whatever the engine, after the lean one and before the start_interval one', () => {
    expect(composeFilesFor(base, { ...off, earlyStart: true }, undefined)).toEqual([base, '/repo/compose/early-start.yaml']);
    const levers = { ...off, elasticsearchLean: true, earlyStart: true, healthcheckStartInterval: '1s' };
    expect(composeFilesFor(base, levers, '1.44')).toEqual([base, '/repo/compose/elasticsearch-lean.yaml', '/repo/compose/early-start.yaml', '/repo/compose/healthcheck-start-interval.yaml']);
  });

  it('adds the start_interval overlay only on an engine with API 1.44 or later', () => {
    const levers = { ...off, elasticsearchLean: true, healthcheckStartInterval: '1s' };
    expect(composeFilesFor(base, levers, '1.45')).toEqual([base, '/repo/compose/elasticsearch-lean.yaml', '/repo/compose/healthcheck-start-interval.yaml']);
    expect(composeFilesFor(base, levers, '1.41')).toEqual([base, '/repo/compose/elasticsearch-lean.yaml']);
    expect(composeFilesFor(base, levers, undefined)).toEqual([base, '/repo/compose/elasticsearch-lean.yaml']);
  });

  it('gives every Compose call of one adapter the same files, asking the engine once and only when a lever needs it', async () => {
    const calls: ComposeInvocation[] = [];
    const exec: ExecCompose = async (_command, _args, options = {}) => (calls.push(options), { code: 0, stdout: '', stderr: '' });
    let asked = 0;
    const engineApi = async () => (asked++, '1.44');
    const compose = createCompose({ composeFile: base, execCompose: exec, fileExists: () => true, startLevers: { ...off, healthcheckStartInterval: '1s' }, engineApi });
    await compose.ps();
    await compose.down();
    expect(calls.map((call) => call.config)).toEqual([[base, '/repo/compose/healthcheck-start-interval.yaml'], [base, '/repo/compose/healthcheck-start-interval.yaml']]);
    expect(asked).toBe(1);
    const plain = createCompose({ composeFile: base, execCompose: exec, fileExists: () => true, startLevers: off, engineApi });
    await plain.ps();
    expect(calls.at(-1)!.config).toBe(base);
    expect(asked).toBe(1);
  });
});
