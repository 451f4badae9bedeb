/**
 * Per-service progress while `compose up --wait` runs: each `ps` snapshot is compared
 * with the previous one and every change is printed as a line (fine in CI logs and
 * pipes); on an interactive terminal a redrawn status line lists what is still
 * pending. Records when each service first became ready: the "time to healthy".
 */
import type { ServiceReport } from '../compose/service-readiness.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration } from '../wait/clock.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class ProgressTracker {
  readonly readyAfterMs = new Map<string, number>();
  private readonly last = new Map<string, string>();
  private frame = 0;

  constructor(
    private readonly startedAt: number,
    private readonly out: Pick<Output, 'line' | 'status' | 'green' | 'red' | 'dim'>,
    /** Called once per service, the first time it is seen ready (see up/when-ready.ts). */
    private readonly onReady: (service: string) => void = () => {},
  ) {}

  update(reports: ServiceReport[], now: number): void {
    const elapsed = now - this.startedAt;
    for (const report of reports) {
      const text = `${report.readiness}:${report.detail}`;
      if (this.last.get(report.service) === text) continue;
      this.last.set(report.service, text);
      if (report.readiness === 'ready' && !this.readyAfterMs.has(report.service)) {
        this.readyAfterMs.set(report.service, elapsed);
        this.onReady(report.service);
      }
      const paint = report.readiness === 'ready' ? this.out.green : report.readiness === 'failed' ? this.out.red : this.out.dim;
      this.out.line(`  ${report.service.padEnd(16)} ${paint(report.detail)} ${this.out.dim(`(${formatDuration(elapsed)})`)}`);
    }
    const pending = reports.filter((report) => report.readiness !== 'ready').map((report) => report.service);
    if (pending.length > 0) {
      this.frame = (this.frame + 1) % FRAMES.length;
      this.out.status(`${FRAMES[this.frame]} waiting for ${pending.join(', ')} (${formatDuration(elapsed)})`);
    }
  }
}
