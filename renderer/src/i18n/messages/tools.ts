/** Everyday tools (issue 17): post search and filters, bulk store actions, shortcuts, import help: [中文, English]. */
export const toolMessages = {
  'import.columns': ['列说明', 'Columns'],
  'import.sample': ['下载示例文件', 'Download a sample file'],
  'import.columnsHint': ['表头可以用下面任一写法（中文或英文，顺序不限）；带 * 的列新增门店时必填，其余可省略。', 'Headers may use any of these names (Chinese or English, in any order); columns marked * are required for new stores, the rest may be left out.'],
  'import.col.name': ['列名', 'Column'],
  'import.col.also': ['也认', 'Also accepted'],
  'import.col.example': ['示例', 'Example'],
  'variable.perStore': ['每家门店不同', 'differs per store'],
  'variable.shared': ['所有门店相同', 'same for every store'],
} as const;
