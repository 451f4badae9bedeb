/**
 * The topics kafka/init/init.sh creates, read from init.sh itself: its `topics=( ... )`
 * array ("name|partitions|key=value,...") is the single list of topics, for compose
 * and for the KafkaTopic resources alike. Each `${VAR}` is a name the typed config
 * derives (derivedVariables); an unknown one is an error, never an empty topic name.
 */
import { UserError } from '../errors.ts';

export interface TopicSpec {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

const ARRAY = /^topics=\(\n([\s\S]*?)^\)/m;
const ENTRY = /^\s*"([^"]+)"\s*$/;
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function parseInitTopics(script: string, values: Record<string, string>, file = 'kafka/init/init.sh'): TopicSpec[] {
  const block = ARRAY.exec(script)?.[1];
  if (block === undefined) throw new UserError(`${file} has no \`topics=( ... )\` array`, `restore ${file} from git`);
  const topics: TopicSpec[] = [];
  for (const line of block.split('\n')) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const entry = ENTRY.exec(line)?.[1];
    if (!entry) throw new UserError(`${file}: cannot read the topic line ${JSON.stringify(line.trim())}`, 'write each topic as "name|partitions|key=value,..." on its own line');
    const filled = entry.replace(PLACEHOLDER, (_whole, key: string) => {
      const value = values[key];
      if (value === undefined) throw new UserError(`${file} names \${${key}}, which the typed config does not derive`, 'add it to derivedVariables in scripts/lib/config/stack-config.ts');
      return value;
    });
    const [name = '', partitions = '', config = ''] = filled.split('|');
    if (!name || !/^[1-9][0-9]*$/.test(partitions)) throw new UserError(`${file}: topic line ${JSON.stringify(entry)} is not "name|partitions|config"`, 'fix that line');
    topics.push({
      name,
      partitions: Number(partitions),
      config: Object.fromEntries(config.split(',').filter(Boolean).map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      })),
    });
  }
  return topics;
}
