/** Store-owner import (CSV in UTF-8/BOM/GBK, XLSX) and CSV export. */
export { importStores, type ImportOptions, type ImportResult, type ImportPreviewRow } from './import-stores.js';
export { folderAvatars, uploadedAvatars, checkRelativePath, type AvatarSource } from './avatar.js';
export { openTable, MAX_IMPORT_BYTES, type TableInput, type TableRow, type Table } from './table.js';
export { CsvParser, CsvSyntaxError, parseCsv, guessDelimiter } from './csv.js';
export { sniffEncoding, decoderFor, utf8Stats, type TextEncoding } from './decode.js';
export { STORE_COLUMNS, mapHeader, normalizeHeader, type StoreColumn, type StoreField } from './columns.js';
export { matchGroupTypes, cleanCell, type RowIssue } from './rows.js';
export { storesToCsv, exportStoresCsv, guardFormula, csvCell } from './export-csv.js';
export { importColumns, sampleStoresCsv, type ColumnHelp } from './sample.js';
export { REQUIRED_STORE_FIELDS } from './columns.js';
