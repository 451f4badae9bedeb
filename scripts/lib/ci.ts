/**
 * Whether we run under CI, read one way everywhere (terminal output, tests that need
 * a tool). CI services set CI to different truthy spellings — `true` (GitHub
 * Actions, GitLab), `1`, `yes` — so any value counts except the ways people switch
 * it off: unset, empty, `false`, `0`.
 */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
