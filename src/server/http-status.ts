import type { StudioErrorKind } from '../model/index.js';

/** HTTP status for each StudioError kind. */
export const HTTP_STATUS: Record<StudioErrorKind, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  read_only: 409,
  check_failed: 422,
  cancelled: 499,
  internal: 500,
};
