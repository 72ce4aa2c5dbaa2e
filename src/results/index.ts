/** Results read back from tracking links: order and click imports, reports, the 效果 overview and its XLSX. */
export { ResultsStore, RESULT_FILES, type ResultsData } from './store.js';
export { importResults, type ResultsImport, type ResultsImportOptions, type ResultIssue } from './import.js';
export { readMapping, ResultMapping } from './mapping.js';
export { reportResults, REPORT_BY, UNATTRIBUTED_LABEL, type ReportBy, type ReportRow, type ReportFilter } from './report.js';
export { resultsOverview, weekOf, type ResultsOverview, type StoreActivity, type PeriodTotals } from './overview.js';
export { overviewXlsx } from './xlsx.js';
export { findTrackingIds } from './attribution.js';
export { hookOf, templatesOf } from './hook.js';
export { parseAmount, parseTime, isRefundStatus, chinaTime } from './cells.js';
export type { OrderRecord, ClickRecord, ActivityRecord } from './types.js';
