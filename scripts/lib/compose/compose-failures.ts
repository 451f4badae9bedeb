/**
 * What to do about a failed Compose command, from what Docker said: a few failures have
 * one known cause and one fix that is better than "run the doctor". Anything else gets
 * the general advice.
 */
const GENERAL = 'run `npm run doctor`; `npm run logs` shows what the services said';

interface KnownFailure {
  pattern: RegExp;
  fix(match: RegExpExecArray): string;
}

const KNOWN: KnownFailure[] = [
  {
    // Removing the project's network while a container is still attached to it: one of
    // another project or started by hand, or an endpoint a killed container left in the
    // engine (seen after containers were removed while the engine was busy).
    pattern: /network (\S+) (?:id \S+ )?has active endpoints/,
    fix: ([, network]) =>
      `a container is still attached to the network ${network}: \`docker network inspect ${network} --format '{{range .Containers}}{{.Name}} {{end}}'\` names it; remove it (\`docker rm -f <name>\`) and run the command again. If it names none, the engine kept an endpoint of a removed container: restart Docker (Docker Desktop: Restart; Linux: \`sudo systemctl restart docker\`), then run the command again`,
  },
  {
    pattern: /Bind for (?:127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):(\d+) failed: port is already allocated/,
    fix: ([, port]) => `port ${port} is taken by another program or stack: \`npm run doctor\` names what holds it; stop that, or choose another port in .env (the *_PORT variables, see .env.example)`,
  },
];

export function fixForComposeFailure(output: string): string {
  for (const known of KNOWN) {
    const match = known.pattern.exec(output);
    if (match) return known.fix(match);
  }
  return GENERAL;
}
