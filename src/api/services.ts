import { availableParallelism } from 'node:os';
import { ComposeCache } from '../compose/cache.js';
import type { VariantContext } from '../compose/types.js';
import { JobRegistry } from '../jobs/index.js';
import { QueueClient } from '../jobs/queue/index.js';
import { createPosterPool, type PosterPool } from '../render/pool/pool.js';
import type { PosterRenderer } from '../render/renderer.js';
import { loadFonts, type PosterFonts } from '../render/text/fonts.js';
import { posterCacheDir } from '../render/workspace.js';
import { ResultsStore } from '../results/store.js';
import { defaultProofRenderers, ProofService, type ProofRenderers } from '../review/index.js';
import type { VideoFormat } from '../video/args/index.js';
import { pictureMemo, storyboardFrames, type StoryboardFrame } from '../video/frames.js';
import { createLayerRenderer, type LayerRenderer } from '../video/layers.js';
import type { VideoAssets } from '../video/plan.js';
import type { Storyboard } from '../video/storyboard.js';
import { environmentSecrets, type PublishSecrets } from '../publish/secrets.js';
import type { Workspace } from '../workspace/types.js';
import type { MethodInput, MethodOutput } from './contract.js';
import type { JobKinds } from './methods/jobs.js';
import { FileGrants } from './grants.js';

export type { PublishSecrets };
export type { S3Credentials } from '../storage/s3.js';

/** The share switch's state (what `share.status` returns). */
export type ShareStatus = MethodOutput<'share.status'>;

/**
 * Switching the portal share on and off. Serving is the server's business (src/server), so the
 * shell that can serve hands its control in; the others leave the default, which says so.
 */
export interface ShareControl {
  status(): ShareStatus;
  set(opts: MethodInput<'share.set'>): Promise<ShareStatus>;
  /** Stops sharing (the workspace is closing). */
  stop(): Promise<void>;
}

/** Where a running server serves this workspace's portal: the host and port its links name. */
export interface PortalAddress {
  host: string;
  port: number;
}

/** The servers serving this workspace now (the last one started wins); links default to it. */
export interface ServingAddresses {
  /** Records a server that started; returns the function that forgets it (call when it stops). */
  add(address: PortalAddress): () => void;
  /** The address links should name, or undefined when nothing serves the portal. */
  current(): PortalAddress | undefined;
}

function servingAddresses(): ServingAddresses {
  const list: PortalAddress[] = [];
  return {
    add(address) {
      const entry = { ...address };
      list.push(entry);
      return () => {
        const i = list.indexOf(entry);
        if (i >= 0) list.splice(i, 1);
      };
    },
    current: () => list.at(-1),
  };
}

/** Switches that exist for tests only (kill tests hold a finished pack before its rename). */
export interface TestHooks {
  /** Milliseconds a finished temporary pack waits before its rename. */
  packPauseMs?: number;
  /** Milliseconds a publish waits after a store's files, before its page (kill tests). */
  publishPauseMs?: number;
  /** How long a queued export tolerates Redis being unreachable (default 60 s). */
  queueDownMs?: number;
}

/**
 * Everything long-lived that serves one open workspace: the clock, warm renderers and caches, the
 * job registry, proofs in progress, the share switch. Built once by the shell that opens the
 * workspace (CLI, server, desktop) and handed to every call on its context; closed with it.
 */
export interface Services {
  /** The time every timestamp is taken from. */
  readonly clock: () => Date;
  /** Long work of this workspace, its results typed by kind (the contract's JobKinds). */
  readonly jobs: JobRegistry<JobKinds>;
  /** Compiled templates, read sections, the Advertising-Law rules and built-in captions, kept for live previews. */
  readonly compose: ComposeCache;
  /** The poster and storyboard fonts, parsed once for this workspace. */
  fonts(): PosterFonts;
  /**
   * The workspace's one poster pool: its local lane serves live previews and proofs (never behind
   * an export), its worker threads (started on first batch) render exports and CLI batches.
   */
  posters(): PosterPool;
  /** The warm layer renderer of storyboard pictures. */
  layers(): LayerRenderer;
  /** Storyboard pictures for the preview, unchanged ones reused between edits. */
  storyboards(): StoryboardPreview;
  /** The render queue at a Redis address (redis://HOST:PORT[/DB]), connected on first use and kept until close. */
  queue(url: string): Promise<QueueClient>;
  readonly proofs: ProofService;
  /** Orders, clicks and portal activity read back (results/*.jsonl): imports one at a time, reads kept while unchanged. */
  readonly results: ResultsStore;
  readonly share: ShareControl;
  /** The address of the server serving the portal now (set by src/server), for links. */
  readonly serving: ServingAddresses;
  /** Files and folders the user picked in a shell, as one-time tokens (no method takes a path). */
  readonly grants: FileGrants;
  /** Where the publish access key comes from: the OS keychain (desktop) or the environment (CLI, web mode). */
  readonly secrets: PublishSecrets;
  readonly hooks: TestHooks;
  /** Cancels running jobs and stops what the services started. */
  close(): Promise<void>;
}

/** The storyboard preview of one workspace. */
export interface StoryboardPreview {
  frames(sb: Storyboard, ctx: VariantContext, fmt: VideoFormat, assets: VideoAssets, width: number): Promise<StoryboardFrame[]>;
}

/** What a shell (or a test) may choose when building services. */
export interface ServiceOptions {
  clock?: () => Date;
  /** Poster worker threads for batches (default: one per core, at most 4; 0 = everything in this thread). */
  posterWorkers?: number;
  /** The share switch (src/server provides the real one); default: sharing unavailable. */
  share?: (ws: Workspace, services: Services) => ShareControl;
  /** The publish key store (the desktop passes its OS-keychain one); default: the environment. */
  secrets?: PublishSecrets;
  /** The renderers proofs use (tests pass fakes); default: the real ones over these services. */
  proofRenderers?: (ws: Workspace, services: Services) => ProofRenderers | Promise<ProofRenderers>;
  hooks?: TestHooks;
}

/** A share control for shells that cannot serve (the CLI, tests): off, and switching on is refused. */
function noShare(ws: Workspace): ShareControl {
  return {
    status: () => ({ on: false, lan: ws.data().portal.lan }),
    set: async () => {
      throw new Error('sharing needs the studio server (shequn serve or the desktop app)');
    },
    stop: async () => {},
  };
}

/** Builds the services of an open workspace. */
export function createServices(ws: Workspace, opts: ServiceOptions = {}): Services {
  /** Proofs draw on the pool's local lane: a manager's page never waits behind an export. */
  const localPosters = (): PosterRenderer => ({ render: (input) => services.posters().render(input, { lane: 'local' }), stats: () => services.posters().stats() });
  const clock = opts.clock ?? (() => new Date());
  let fonts: PosterFonts | undefined;
  let posters: PosterPool | undefined;
  let layers: LayerRenderer | undefined;
  let storyboards: StoryboardPreview | undefined;
  const queues = new Map<string, Promise<QueueClient>>();
  let share = noShare(ws);
  const services: Services = {
    clock,
    jobs: new JobRegistry<JobKinds>(50, clock),
    compose: new ComposeCache(),
    fonts: () => (fonts ??= loadFonts()),
    posters: () => (posters ??= createPosterPool({ fonts: services.fonts(), cacheDir: posterCacheDir(ws), workers: opts.posterWorkers ?? Math.min(4, availableParallelism()) })),
    layers: () => (layers ??= createLayerRenderer({ fonts: services.fonts() })),
    storyboards: () => {
      const pictures = pictureMemo();
      return (storyboards ??= { frames: (sb, ctx, fmt, assets, width) => storyboardFrames(sb, ctx, fmt, services.layers(), assets, width, pictures) });
    },
    queue(url) {
      let q = queues.get(url);
      if (!q) {
        q = QueueClient.open(url);
        q.catch(() => queues.delete(url));
        queues.set(url, q);
      }
      return q;
    },
    proofs: new ProofService(ws, () => (opts.proofRenderers ? opts.proofRenderers(ws, services) : defaultProofRenderers(ws, { posters: localPosters, layers: services.layers })), clock),
    results: new ResultsStore(ws.paths.results),
    get share() {
      return share;
    },
    serving: servingAddresses(),
    grants: new FileGrants(() => clock().getTime()),
    secrets: opts.secrets ?? environmentSecrets(),
    hooks: { ...opts.hooks },
    async close() {
      services.jobs.cancelAll();
      await services.share.stop();
      await posters?.close();
      await Promise.allSettled([...queues.values()].map(async (q) => (await q).close()));
    },
  };
  if (opts.share) share = opts.share(ws, services);
  return services;
}

/** An open workspace with its services: what a shell holds and hands to every call. */
export interface Session {
  ws: Workspace;
  services: Services;
}
