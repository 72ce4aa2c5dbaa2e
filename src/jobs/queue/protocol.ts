/**
 * What travels through the queue between the studio and its render workers (BullMQ on Redis).
 * Everything a worker reads from a job is validated here: Redis is outside the studio.
 */
import { z } from 'zod';
import { PosterSize } from '../../model/index.js';

/** Key prefix of every BullMQ key the studio uses in Redis. */
export const QUEUE_PREFIX = 'shequn';
/** The two queues: posters and QR images (short jobs), videos (long jobs; never hold up posters). */
export const QUEUES = { posters: 'posters', videos: 'videos' } as const;
/** A job that failed this many times is reported as its output's failure. */
export const ATTEMPTS = 3;
/** Redis key a cancelled export sets; workers stop its long jobs when they see it. */
export const cancelKey = (exportId: string): string => `${QUEUE_PREFIX}:cancelled:${exportId}`;

const Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** An input object: its content hash and its key in the store (`renders/cache/inputs/<sha256>`, `assets/<id><ext>`). */
export const InputRef = z.object({ sha256: Hex, key: z.string().min(1).max(900) }).strict();
export type InputRef = z.infer<typeof InputRef>;

/** Where a job's inputs and outputs are: the workspace folder (same path on every machine) or object storage. */
export const Place = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), workspace: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('s3'), address: z.string().regex(/^s3:\/\//) }).strict(),
]);
export type Place = z.infer<typeof Place>;

/** Versions of the code that draws: a worker of another version refuses the job instead of making different bytes. */
export const Versions = z.object({ poster: z.string(), video: z.string(), qr: z.string() }).strict();
export type Versions = z.infer<typeof Versions>;

/** An image a poster or video may draw: the asset id (its content hash), its original name, where it is. */
const JobImage = z.object({ id: Hex, name: z.string().max(400), ref: InputRef }).strict();
export type JobImage = z.infer<typeof JobImage>;

/** The part of a variant's context only its store has (the rest, shared by every store, is one input object). */
const StorePart = z.object({ store: z.record(z.string(), z.unknown()), sections: z.record(z.string(), z.unknown()), link: z.string(), vars: z.record(z.string(), z.unknown()) }).strict();
export type StorePart = z.infer<typeof StorePart>;

const TemplateRef = z.object({ id: z.string().max(200), version: z.number().int(), source: InputRef }).strict();

const Common = {
  /** The export this job was queued for (cancelling it stops its long jobs). */
  export: z.string().max(100),
  place: Place,
  versions: Versions,
};

/** One poster of a poster job: its key, size, the variant's context (shared part by reference), images. */
const PosterItem = z.object({ key: Hex, size: PosterSize, shared: InputRef, variant: StorePart, images: z.array(JobImage).max(16) }).strict();

/**
 * Posters of one template that most likely share their shared layer (same post, group type, size
 * and texts): one job, so the layer is drawn once on whichever worker takes it instead of once on
 * every worker. A job of one poster has the poster's key as its id.
 */
export const PosterJobData = z
  .object({
    kind: z.literal('poster'),
    ...Common,
    template: TemplateRef,
    fonts: z.object({ regular: InputRef, bold: InputRef }).strict(),
    items: z.array(PosterItem).min(1).max(64),
  })
  .strict();
export type PosterJobData = z.infer<typeof PosterJobData>;

/** One standalone QR image of a link (drawn on the poster lanes, which are started with the fonts). */
export const QrJobData = z
  .object({ kind: z.literal('qr'), ...Common, key: Hex, link: z.string().max(4000), px: z.number().int().min(64).max(4096), fonts: z.object({ regular: InputRef, bold: InputRef }).strict() })
  .strict();
export type QrJobData = z.infer<typeof QrJobData>;

/**
 * Videos of stores that share a body (same storyboard version, post, size and body texts), in the
 * order and whole card batches a local export renders them in, so the bytes come out the same.
 */
export const VideoJobData = z
  .object({
    kind: z.literal('video'),
    ...Common,
    template: TemplateRef,
    size: z.enum(['9x16', '1x1']),
    /** A reduced frame (tests); part of the output keys. */
    format: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), fps: z.number().positive() }).strict().optional(),
    /** x264 threads of the studio's encoder settings (the bitstream depends on them). */
    threads: z.number().int().min(1).max(64),
    fonts: z.object({ regular: InputRef, bold: InputRef }).strict(),
    /** Storyboard files (music, backgrounds) by their path under assets/. */
    files: z.array(z.object({ rel: z.string().max(400), ref: InputRef }).strict()).max(64),
    images: z.array(JobImage).max(4096),
    /** Each store's video: its key, the shared part of its context (stores of one body may be of different group types), its own part. */
    items: z.array(z.object({ key: Hex, shared: InputRef, variant: StorePart }).strict()).min(1).max(1000),
  })
  .strict();
export type VideoJobData = z.infer<typeof VideoJobData>;

/** What a job may carry. */
export const RenderJobData = z.discriminatedUnion('kind', [PosterJobData, QrJobData, VideoJobData]);
export type RenderJobData = z.infer<typeof RenderJobData>;

/** One output a worker wrote: its key, its sha256 (computed once, from the bytes written), size, notes. */
export const WrittenOutput = z.object({ key: Hex, sha256: Hex, size: z.number().int().nonnegative(), notes: z.array(z.string()).default([]) }).strict();
export type WrittenOutput = z.infer<typeof WrittenOutput>;

/** A finished job's return value: the outputs it wrote, and those that cannot be made (a render error, not worth retrying). */
export const JobResult = z.object({ outputs: z.array(WrittenOutput), failed: z.array(z.object({ key: Hex, reason: z.string() }).strict()).default([]) }).strict();
export type JobResult = z.infer<typeof JobResult>;

/** Progress a long job reports (percent of its encoding work, videos accepted). */
export const JobProgress = z.object({ percent: z.number(), done: z.number().int(), total: z.number().int() }).strict();
export type JobProgress = z.infer<typeof JobProgress>;

/** The object key an output is stored under (the render cache's layout, relative to the workspace or the storage prefix). */
export function outputObjectKey(key: string, ext: string): string {
  return `renders/cache/${key.slice(0, 2)}/${key}${ext}`;
}

/** The object key of an input (template source, shared context, font, storyboard file) by its content hash. */
export function inputObjectKey(sha256: string): string {
  return `renders/cache/inputs/${sha256.slice(0, 2)}/${sha256}`;
}
