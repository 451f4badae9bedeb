/** The one API client the pages share. */
import { createApiClient } from './api-client.ts';

export const api = createApiClient();
