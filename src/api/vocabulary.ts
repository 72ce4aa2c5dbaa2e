/**
 * The contract's word lists for shells (the UI shows exactly these; it never keeps copies): poster
 * and video sizes, post statuses, review states, roles... Plain constants from the model, importable
 * without the schemas.
 */
export {
  CHANNEL_KINDS,
  EDITABLE_REVIEW_STATES,
  EMOJI_POLICIES,
  FORMATS,
  JOB_STATES,
  LEG_WEIGHTS,
  POST_STATUSES,
  POSTER_PIXELS,
  POSTER_SIZES,
  REVIEW_STATES,
  ROLES,
  TEMPLATE_KINDS,
  VIDEO_SIZES,
  REPORT_DIMENSIONS,
  STORAGE_PROVIDERS,
  STORAGE_PRESETS,
  ACTIVITY_KINDS,
  MIN_QR_PX,
} from '../model/vocabulary.js';
