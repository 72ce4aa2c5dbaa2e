/** Short video: storyboards → layers drawn by src/render → ffmpeg (body once, end card per store). */
export { parseStoryboard, storyboardSeconds, Storyboard, type Scene } from './storyboard.js';
export { builtinStoryboards, builtinVideoTemplates, builtinVideosDir } from './builtins.js';
export { CARD_BATCH, renderVariantVideos, type VideoJob, type VideoOptions, type VideoProgress, type RenderedVideo } from './render.js';
export { renderWorkspaceVideos, renderVideoItems, renderVideoCovers, storyboardForPost, videoRenderPath, type VideoItem, type VariantVideoRequest } from './workspace.js';
export { checkBinaries, type Binaries } from './binaries.js';
export { probe, extractFrame, type ProbeResult } from './ffmpeg.js';
export { createLayerRenderer, type LayerRenderer, type LayerDoc } from './layers.js';
export { workspaceVideoAssets, memoryVideoAssets } from './assets.js';
export { VIDEO_FORMATS, type VideoSize } from './args/encoder.js';

/** Bump when the videos made from the same inputs change (part of exporters' cache keys). */
export const VIDEO_RENDERER_VERSION = 'video-2';
