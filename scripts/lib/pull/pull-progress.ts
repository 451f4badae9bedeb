/**
 * Progress of one image's pull, read from Compose's plain progress output
 * (`docker compose --progress plain pull <service>`): one line per event,
 * " <id> <status> <detail>", where <id> is the service or a layer's short digest:
 *
 *    kafka Pulling
 *    1f3e46996e29 Pulling fs layer
 *    1f3e46996e29 Downloading [==>          ]  1.507MB/28.23MB
 *    1f3e46996e29 Download complete
 *    1f3e46996e29 Extracting [=====>       ]  3.01MB/28.23MB
 *    1f3e46996e29 Pull complete
 *    9a0b0ce99936 Already exists
 *    kafka Pulled
 *
 * Plain lines carry no parent, so each image is pulled by its own Compose process
 * and read from its own stream. Sizes are Docker's decimal units (kB, MB, GB).
 * A layer's size is known once it starts downloading: the total grows as Docker
 * starts more layers (three at a time by default), and is shown as "at least".
 */

export interface LayerProgress {
  downloadedBytes: number;
  totalBytes?: number;
  done: boolean;
}

export interface ImageProgress {
  layers: Map<string, LayerProgress>;
  finished: boolean;
}

export interface ProgressSummary {
  layersDone: number;
  layers: number;
  downloadedBytes: number;
  /** Sum of the sizes known so far. */
  knownBytes: number;
  finished: boolean;
}

const LAYER_ID = /^[0-9a-f]{12}$/;
const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

export function newImageProgress(): ImageProgress {
  return { layers: new Map(), finished: false };
}

/** Feeds one line of output; lines that are not progress events change nothing. */
export function applyProgressLine(progress: ImageProgress, line: string): void {
  const match = /^\s*(\S+)\s+(.*)$/.exec(line);
  if (!match) return;
  const [, id, rest] = match as unknown as [string, string, string];
  if (!LAYER_ID.test(id)) {
    if (/^Pulled\b/.test(rest.trim())) progress.finished = true;
    return;
  }
  const layer = progress.layers.get(id) ?? { downloadedBytes: 0, done: false };
  progress.layers.set(id, layer);
  const status = rest.trim();
  if (/^Downloading\b/.test(status)) {
    const sizes = parseSizes(status);
    if (sizes) {
      layer.downloadedBytes = sizes.current;
      if (sizes.total !== undefined) layer.totalBytes = sizes.total;
    }
  } else if (/^(Download complete|Verifying Checksum|Extracting)\b/.test(status)) {
    if (layer.totalBytes !== undefined) layer.downloadedBytes = layer.totalBytes;
    const sizes = /^Extracting\b/.test(status) ? parseSizes(status) : undefined;
    if (sizes?.total !== undefined) {
      layer.totalBytes ??= sizes.total;
      layer.downloadedBytes = layer.totalBytes;
    }
  } else if (/^(Pull complete|Already exists)\b/.test(status)) {
    layer.done = true;
    if (layer.totalBytes !== undefined) layer.downloadedBytes = layer.totalBytes;
  }
}

export function summarize(progress: ImageProgress): ProgressSummary {
  const layers = [...progress.layers.values()];
  return {
    layersDone: layers.filter((layer) => layer.done).length,
    layers: layers.length,
    downloadedBytes: layers.reduce((sum, layer) => sum + layer.downloadedBytes, 0),
    knownBytes: layers.reduce((sum, layer) => sum + (layer.totalBytes ?? 0), 0),
    finished: progress.finished,
  };
}

export function addSummaries(summaries: ProgressSummary[]): ProgressSummary {
  return summaries.reduce(
    (total, s) => ({
      layersDone: total.layersDone + s.layersDone,
      layers: total.layers + s.layers,
      downloadedBytes: total.downloadedBytes + s.downloadedBytes,
      knownBytes: total.knownBytes + s.knownBytes,
      finished: total.finished && s.finished,
    }),
    { layersDone: 0, layers: 0, downloadedBytes: 0, knownBytes: 0, finished: true },
  );
}

/** "1.507MB/28.23MB" → bytes; a lone "12.3MB" (newer Compose prints only the current size) → current. */
export function parseSizes(text: string): { current: number; total?: number } | undefined {
  const pair = /([\d.]+\s*[kKMGT]?i?B)\s*\/\s*([\d.]+\s*[kKMGT]?i?B)/.exec(text);
  if (pair) return { current: parseSize(pair[1]!), total: parseSize(pair[2]!) };
  const single = /\]\s*([\d.]+\s*[kKMGT]?i?B)\s*$|^\S+\s+([\d.]+\s*[kKMGT]?i?B)\s*$/.exec(text);
  const size = single?.[1] ?? single?.[2];
  return size ? { current: parseSize(size) } : undefined;
}

export function parseSize(text: string): number {
  const match = /([\d.]+)\s*([kKMGT]?i?B)/.exec(text);
  if (!match) return 0;
  return Math.round(Number(match[1]) * (UNITS[match[2]!.toLowerCase()] ?? 1));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

/** "layers 3/9, 120.4 MB of ≥ 380.2 MB": "≥" until the pull is finished, as later layers' sizes are not known yet. */
export function formatSummary(summary: ProgressSummary): string {
  const of = summary.knownBytes > 0 ? ` of ${summary.finished ? '' : '≥ '}${formatBytes(summary.knownBytes)}` : '';
  return `layers ${summary.layersDone}/${summary.layers}, ${formatBytes(summary.downloadedBytes)}${of}`;
}
