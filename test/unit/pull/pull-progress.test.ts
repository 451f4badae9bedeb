import { describe, expect, it } from 'vitest';
import { addSummaries, applyProgressLine, formatBytes, formatSummary, newImageProgress, parseSizes, summarize } from '../../../scripts/lib/pull/pull-progress.ts';

// `docker compose --progress plain pull kafka` as Compose 2.26 prints it: " <id> <status> <detail>".
const kafkaPull = [
  ' kafka Pulling ',
  ' 9a0b0ce99936 Already exists ',
  ' 1f3e46996e29 Pulling fs layer ',
  ' 5c7a0f13c8f1 Pulling fs layer ',
  ' 1f3e46996e29 Downloading [>                                                  ]  294.9kB/28.23MB',
  ' 5c7a0f13c8f1 Downloading [=====>                                             ]  1.507MB/14.1MB',
  ' 1f3e46996e29 Downloading [=========================>                         ]  14.12MB/28.23MB',
  ' 5c7a0f13c8f1 Verifying Checksum ',
  ' 5c7a0f13c8f1 Download complete ',
];
const kafkaRest = [
  ' 1f3e46996e29 Download complete ',
  ' 1f3e46996e29 Extracting [==================================================>]  28.23MB/28.23MB',
  ' 1f3e46996e29 Pull complete ',
  ' 5c7a0f13c8f1 Extracting [==================================================>]  14.1MB/14.1MB',
  ' 5c7a0f13c8f1 Pull complete ',
  ' kafka Pulled ',
];

describe('pull progress', () => {
  it('counts layers and bytes while the image is pulled, and the total once it is', () => {
    const progress = newImageProgress();
    kafkaPull.forEach((line) => applyProgressLine(progress, line));
    expect(summarize(progress)).toEqual({ layersDone: 1, layers: 3, downloadedBytes: 14_120_000 + 14_100_000, knownBytes: 28_230_000 + 14_100_000, finished: false });
    expect(formatSummary(summarize(progress))).toBe('layers 1/3, 28.2 MB of ≥ 42.3 MB');
    kafkaRest.forEach((line) => applyProgressLine(progress, line));
    expect(summarize(progress)).toEqual({ layersDone: 3, layers: 3, downloadedBytes: 42_330_000, knownBytes: 42_330_000, finished: true });
    expect(formatSummary(summarize(progress))).toBe('layers 3/3, 42.3 MB of 42.3 MB');
  });

  it('ignores lines that are not progress events', () => {
    const progress = newImageProgress();
    ['', 'Error response from daemon: manifest unknown', ' kafka Error manifest unknown'].forEach((line) => applyProgressLine(progress, line));
    expect(summarize(progress)).toEqual({ layersDone: 0, layers: 0, downloadedBytes: 0, knownBytes: 0, finished: false });
  });

  it('adds images up into one total', () => {
    const a = { layersDone: 1, layers: 2, downloadedBytes: 10, knownBytes: 20, finished: true };
    const b = { layersDone: 0, layers: 3, downloadedBytes: 5, knownBytes: 30, finished: false };
    expect(addSummaries([a, b])).toEqual({ layersDone: 1, layers: 5, downloadedBytes: 15, knownBytes: 50, finished: false });
  });

  it("reads Docker's decimal sizes, with a total or (newer Compose) without", () => {
    expect(parseSizes('Downloading [==>   ]  1.507MB/28.23MB')).toEqual({ current: 1_507_000, total: 28_230_000 });
    expect(parseSizes('Downloading [==>   ]  512B/3.4kB')).toEqual({ current: 512, total: 3400 });
    expect(parseSizes('Downloading 12.3MB')).toEqual({ current: 12_300_000 });
    expect(parseSizes('Pulling fs layer')).toBeUndefined();
    expect(formatBytes(1_930_000_000)).toBe('1.93 GB');
  });
});
