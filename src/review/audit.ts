import type { AuditEntry, StudioData } from '../model/index.js';

/** Appends one line to the workspace's audit log (mutates `data`); empty comments are left out. */
export function appendAudit(data: StudioData, entry: AuditEntry): AuditEntry {
  const clean: AuditEntry = { at: entry.at, by: entry.by, action: entry.action, target: entry.target };
  if (entry.version !== undefined) clean.version = entry.version;
  if (entry.hash) clean.hash = entry.hash;
  if (entry.comment) clean.comment = entry.comment;
  data.audit.push(clean);
  return clean;
}

/** Filter for listAudit: every field optional; `limit` keeps the newest entries. */
export interface AuditFilter {
  target?: string;
  by?: string;
  action?: string;
  version?: number;
  limit?: number;
}

/** Audit entries matching the filter, oldest first (the newest `limit` when given). */
export function listAudit(data: StudioData, f: AuditFilter = {}): AuditEntry[] {
  const out = data.audit.filter(
    (e) =>
      (f.target === undefined || e.target === f.target) &&
      (f.by === undefined || e.by === f.by) &&
      (f.action === undefined || e.action === f.action) &&
      (f.version === undefined || e.version === f.version),
  );
  return f.limit !== undefined ? out.slice(Math.max(0, out.length - f.limit)) : out;
}
