/** The database engine for the page's wording (database-engine.ts); undefined until the API has said. */
import * as React from 'react';
import { api } from './api.ts';
import { createEngineLookup } from './database-engine.ts';
import type { DatabaseEngine } from './hotel.ts';

const lookupEngine = createEngineLookup(() => api.info());

export function useDatabaseEngine(): DatabaseEngine | undefined {
  const [engine, setEngine] = React.useState<DatabaseEngine>();
  React.useEffect(() => {
    let current = true;
    void lookupEngine().then((value) => current && setEngine(value));
    return () => {
      current = false;
    };
  }, []);
  return engine;
}
