/** One row of a table: its number as a spreadsheet shows it, the cells as text. */
export interface TableRow {
  row: number;
  cells: string[];
  /** Set when the row held bytes that are not valid in the file's encoding. */
  badBytes?: boolean;
}
