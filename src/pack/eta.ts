import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../model/index.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';

/** Seconds one output of each kind took in an export, wall time (the machine's parallelism included). */
export interface OutputCosts {
  /** A poster or QR image. */
  image: number;
  /** A video (or cover) of one store variant. */
  video: number;
  /** Writing one store's pack. */
  pack: number;
}

/** What a studio that never exported assumes (a 2-core machine: posters on two workers, a short video a few seconds). */
export const DEFAULT_COSTS: OutputCosts = { image: 0.2, video: 6, pack: 0.1 };

const COSTS_FILE = 'export-costs.json';

/** The per-output costs the last export on this workspace measured (renders/export-costs.json), else the defaults. */
export async function readCosts(rendersDir: string): Promise<OutputCosts> {
  try {
    const saved = JSON.parse(await readFile(join(rendersDir, COSTS_FILE), 'utf8')) as Partial<OutputCosts>;
    const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 3600;
    return { image: ok(saved.image) ? saved.image : DEFAULT_COSTS.image, video: ok(saved.video) ? saved.video : DEFAULT_COSTS.video, pack: ok(saved.pack) ? saved.pack : DEFAULT_COSTS.pack };
  } catch {
    return DEFAULT_COSTS;
  }
}

/** Keeps what this export measured for the next one's first estimate (a cache file: safe to delete). */
export async function saveCosts(rendersDir: string, costs: OutputCosts): Promise<void> {
  await writeFileAtomic(join(rendersDir, COSTS_FILE), JSON.stringify(costs, null, 2) + '\n');
}

type Phase = keyof OutputCosts;
const PHASES: Phase[] = ['image', 'video', 'pack'];

/**
 * The time left in an export, from what each kind of output costs: images, then videos, then packs,
 * in that order (as the export runs them). A phase under way is estimated from its own pace (videos
 * from the share of encoding done, which ffmpeg reports), the phases to come from the costs measured
 * so far in this export or, before any, by the last export on this workspace. So 87 % of the items
 * done with the videos still to encode says a minute, not "0 s".
 */
export class ExportEta {
  private readonly started: Partial<Record<Phase, number>> = {};
  private readonly measured: Partial<Record<Phase, number>> = {};
  private readonly bounds: Record<Phase, [number, number]>;

  constructor(
    private readonly counts: Record<Phase, number>,
    private readonly prior: OutputCosts,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {
    const v0 = counts.image;
    const p0 = v0 + counts.video;
    this.bounds = { image: [0, v0], video: [v0, p0], pack: [p0, p0 + counts.pack] };
    // The clock starts now for the first phase; a later one starts when the one before it last reported.
    const first = PHASES.find((ph) => counts[ph]);
    if (first) this.started[first] = now();
    this.last = now();
  }

  private last: number;

  private phaseOf(done: number): Phase {
    for (const ph of PHASES) if (this.counts[ph] && done < this.bounds[ph][1]) return ph;
    return 'pack';
  }

  private cost(ph: Phase): number {
    return this.measured[ph] ?? this.prior[ph];
  }

  /** Seconds left after progress `p` (done of the export's total; a video event may carry `percent` of the video work). */
  update(p: Progress & { percent?: number }): number {
    const t = this.now();
    let ph = this.phaseOf(p.done);
    // Video events count videos done; their percent says how far the encoding is.
    if (p.percent !== undefined && this.counts.video) ph = 'video';
    // An event right on a phase's first item means the phase before ended now; a later one, when it last reported.
    this.started[ph] ??= p.done <= this.bounds[ph][0] ? t : this.last;
    this.last = t;
    // Phases before this one are over: what they took is their measured cost.
    for (const before of PHASES.slice(0, PHASES.indexOf(ph))) {
      if (this.counts[before] && this.started[before] !== undefined && this.measured[before] === undefined) this.measured[before] = (this.started[ph]! - this.started[before]!) / this.counts[before];
    }
    const [lo, hi] = this.bounds[ph];
    const n = this.counts[ph];
    const elapsed = t - this.started[ph]!;
    const share = ph === 'video' && p.percent !== undefined ? Math.min(1, p.percent / 100) : n ? Math.min(1, Math.max(0, p.done - lo) / n) : 1;
    // The pace of the phase under way, once it has done enough to tell (else its cost per output).
    let left: number;
    if (share >= 0.05 && elapsed > 0) {
      const whole = elapsed / share;
      this.measured[ph] = whole / Math.max(1, n);
      left = whole - elapsed;
    } else left = Math.max(0, n * this.cost(ph) - elapsed);
    if (p.done >= hi && ph !== 'video') left = 0;
    for (const after of PHASES.slice(PHASES.indexOf(ph) + 1)) left += this.counts[after] * this.cost(after);
    return Math.max(0, Math.round(left));
  }

  /** The costs measured in this export (the prior where a kind did not run), for the next one. */
  costs(): OutputCosts {
    return { image: this.measured.image ?? this.prior.image, video: this.measured.video ?? this.prior.video, pack: this.measured.pack ?? this.prior.pack };
  }

  /** Marks the end of the export (the last phase's measured cost). */
  finish(): void {
    const t = this.now();
    const last = [...PHASES].reverse().find((ph) => this.counts[ph] && this.started[ph] !== undefined);
    if (last) this.measured[last] = (t - this.started[last]!) / this.counts[last];
  }
}
