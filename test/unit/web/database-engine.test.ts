import { describe, expect, it } from 'vitest';
import { createEngineLookup, pipelineText, savedInSentence } from '../../../web/src/lib/database-engine.ts';
import type { ApiInfo } from '../../../web/src/lib/hotel.ts';

describe("the page's name for the database", () => {
  it('names the engine the API reports, in the form and on the pipeline line', () => {
    expect(savedInSentence('MariaDB')).toBe('It is saved in MariaDB and reaches search through Debezium and Kafka.');
    expect(pipelineText('MariaDB')).toBe('MariaDB → Debezium → Kafka → indexer → Elasticsearch');
    expect(savedInSentence('MySQL')).toContain('saved in MySQL');
  });

  it('says "the database" until the API has said, never a guess', () => {
    expect(savedInSentence(undefined)).toBe('It is saved in the database and reaches search through Debezium and Kafka.');
    expect(pipelineText(undefined)).toBe('database → Debezium → Kafka → indexer → Elasticsearch');
  });

  it('asks the API once and shares the answer; a failed ask is tried again', async () => {
    const answers: Array<() => Promise<ApiInfo>> = [
      async () => {
        throw new Error('The booking API is not running');
      },
      async () => ({ database: { engine: 'MariaDB' } }),
    ];
    let asked = 0;
    const lookup = createEngineLookup(() => answers[asked++]!());
    expect(await lookup()).toBeUndefined();
    expect(await Promise.all([lookup(), lookup()])).toEqual(['MariaDB', 'MariaDB']);
    expect(await lookup()).toBe('MariaDB');
    expect(asked).toBe(2);
  });
});
