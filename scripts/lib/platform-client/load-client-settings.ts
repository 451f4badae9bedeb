/** Client settings from the validated configuration, with user-facing errors. */
import type { StackConfig } from '../config/stack-config.ts';
import { requireConfig } from '../config/require-config.ts';
import { clientSettings, type ClientSettings } from './client-settings.ts';

export function loadClientSettings(): { settings: ClientSettings; stack: StackConfig } {
  const { stack } = requireConfig();
  return { settings: clientSettings(stack), stack };
}
