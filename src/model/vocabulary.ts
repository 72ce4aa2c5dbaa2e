/**
 * The studio's closed word lists as plain constants (no imports, so the UI bundles them without zod):
 * the model's schemas are built from these, and shells show them through the contract
 * (src/api/vocabulary.ts). Add a value here and the schema, the API and the UI all know it.
 */

/** Poster sizes (image ratios); pixel sizes in POSTER_PIXELS. */
export const POSTER_SIZES = ['9x16', '1x1', '3x4'] as const;
/** Pixel dimensions of each poster size. */
export const POSTER_PIXELS = {
  '9x16': { width: 1080, height: 1920 },
  '1x1': { width: 1080, height: 1080 },
  '3x4': { width: 1080, height: 1440 },
} as const satisfies Record<(typeof POSTER_SIZES)[number], { width: number; height: number }>;
/** Video sizes. */
export const VIDEO_SIZES = ['9x16', '1x1'] as const;
/** A post's life: written, ready to ship, put away. */
export const POST_STATUSES = ['draft', 'ready', 'archived'] as const;
/** A template version's review states. */
export const REVIEW_STATES = ['draft', 'in_review', 'approved', 'changes_requested', 'retired'] as const;
/** Review states in which a version's source may still be edited. */
export const EDITABLE_REVIEW_STATES = ['draft', 'changes_requested'] as const;
/** Template kinds. */
export const TEMPLATE_KINDS = ['caption', 'poster', 'video'] as const;
/** Formats a group type can ask for. */
export const FORMATS = ['caption', 'poster', 'video'] as const;
/** Channel kinds. */
export const CHANNEL_KINDS = ['group', 'moments', 'video'] as const;
/** How hard a group type's leg sells. */
export const LEG_WEIGHTS = ['light', 'normal', 'strong'] as const;
/** How many emoji a group type's texts keep (when emoji are allowed at all): all, or only those opening a line. */
export const EMOJI_POLICIES = ['lively', 'sparing'] as const;
/** Roles of users. */
export const ROLES = ['editor', 'manager', 'store'] as const;
/** States of a job. */
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
/** What results reports group by (`shequn results report --by`). */
export const REPORT_DIMENSIONS = ['post', 'group', 'store', 'channel', 'hook', 'template'] as const;
/** S3-compatible storage the publish settings have presets for (settings of each in docs/publish.md). */
export const STORAGE_PROVIDERS = ['aliyun-oss', 'tencent-cos', 'huawei-obs', 'minio', 'aws-s3'] as const;
/** Each provider's usual endpoint (`{region}` filled in), an example region and its addressing style. */
export const STORAGE_PRESETS = {
  'aliyun-oss': { endpoint: 'https://s3.oss-{region}.aliyuncs.com', region: 'cn-hangzhou', pathStyle: false },
  'tencent-cos': { endpoint: 'https://cos.{region}.myqcloud.com', region: 'ap-shanghai', pathStyle: false },
  'huawei-obs': { endpoint: 'https://obs.{region}.myhuaweicloud.com', region: 'cn-east-3', pathStyle: false },
  minio: { endpoint: 'http://minio.example.lan:9000', region: 'us-east-1', pathStyle: true },
  'aws-s3': { endpoint: '', region: 'ap-east-1', pathStyle: false },
} as const satisfies Record<(typeof STORAGE_PROVIDERS)[number], { endpoint: string; region: string; pathStyle: boolean }>;
/** What a store's pack page reports back: the page opened, a file downloaded, a caption copied. */
export const ACTIVITY_KINDS = ['open', 'download', 'copy'] as const;

/** Smallest QR slot on a 1080-wide poster, in px (code and quiet zone); the renderer refuses a smaller one. */
export const MIN_QR_PX = 240;
