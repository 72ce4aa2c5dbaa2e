import type { z } from 'zod';
import type { MethodSpec } from './define.js';
import { assetMethods } from './methods/assets.js';
import { composeMethods } from './methods/compose.js';
import { entityMethods } from './methods/entities.js';
import { exportMethods } from './methods/export.js';
import { jobMethods } from './methods/jobs.js';
import { shareMethods } from './methods/share.js';
import { portalMethods } from './methods/portal.js';
import { reviewMethods } from './methods/review.js';
import { storesIoMethods } from './methods/stores-io.js';
import { videoMethods } from './methods/video.js';
import { renderMethods } from './methods/render.js';
import { resultsMethods } from './methods/results.js';
import { planMethods } from './methods/plan.js';
import { activityMethods, publishMethods } from './methods/publish.js';
import { previewMethods } from './methods/previews.js';
import { toolMethods } from './methods/tools.js';

/**
 * THE contract: every operation between a shell (CLI, HTTP, Electron IPC) and the core.
 * Each feature declares its methods in src/api/methods/<feature>.ts and adds them here.
 * This file and methods/ import only zod and src/model, so the renderer can import them too.
 */
export const contract = {
  ...entityMethods,
  ...composeMethods,
  ...assetMethods,
  ...jobMethods,
  ...shareMethods,
  ...exportMethods,
  ...portalMethods,
  ...reviewMethods,
  ...storesIoMethods,
  ...videoMethods,
  ...renderMethods,
  ...resultsMethods,
  ...planMethods,
  ...publishMethods,
  ...activityMethods,
  ...previewMethods,
  ...toolMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** Lists every method name (for generated IPC handlers and the HTTP routes). */
export const methodNames = Object.keys(contract) as MethodName[];
