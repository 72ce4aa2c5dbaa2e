/**
 * What opening a workspace had to do (src/workspace/load.ts writes these English lines; they stay
 * on the Workspace and in `workspace.info`). `noticeText` says one in either language.
 */
const FORMS: readonly [RegExp, string][] = [
  [/^studio\.json was written by a newer Shequn Studio \(schema (\S+)\); opened read-only$/, 'studio.json 由更新版本的工作室写入（数据版本 $1），已只读打开'],
  [/^studio\.json uses schema (\S+); migrated in memory only \((.*)\) because it was opened read-only$/, 'studio.json 是数据版本 $1，因为只读打开，只在内存中升级（$2）'],
  [/^studio\.json was migrated from schema (\S+) to (\S+) \((.*)\); the original is kept as (.+)$/, 'studio.json 已从数据版本 $1 升级到 $2（$3）；原文件保存在 $4'],
  [/^studio\.json is damaged \((.*)\); showing the backup (.+) \(read-only: nothing was changed on disk\)$/, 'studio.json 已损坏（$1）；正在显示备份 $2（只读：磁盘上的文件没有改动）'],
  [/^studio\.json was damaged \((.*)\); restored the backup (.+); the damaged file is kept as (.+)$/, 'studio.json 已损坏（$1）；已恢复备份 $2；损坏的文件保存在 $3'],
];

/** Why studio.json could not be read (src/workspace/load.ts), as the notices quote it. */
const PROBLEMS: readonly [string, string][] = [
  ['it is empty or cut short', '文件是空的或不完整'],
  ['it is not valid JSON', '不是有效的 JSON'],
  ['it is empty or not a JSON object', '文件是空的或不是 JSON 对象'],
  ['schemaVersion is missing', '缺少 schemaVersion（数据版本）'],
];

/** What each studio.json migration step changes, in both languages (src/workspace/migrations.ts writes the English one). */
export const MIGRATION_SUMMARIES: Readonly<Record<string, { en: string; zh: string }>> = {
  '1→2': { en: 'groups → groupTypes (workspace, stores, posts); adds users, audit and portal', zh: '“群”改称“群类型”（工作区、门店、内容）；新增用户、操作记录和门店页面' },
};

/** A workspace notice in `lang` (English as written; Chinese from its known forms, else as written). */
export function noticeText(lang: 'zh' | 'en', line: string): string {
  if (lang === 'en') return line;
  for (const [re, zh] of FORMS) {
    if (!re.test(line)) continue;
    let out = line.replace(re, zh);
    for (const [step, s] of Object.entries(MIGRATION_SUMMARIES)) out = out.replace(`${step}: ${s.en}`, `${step}：${s.zh}`);
    for (const [en, zhText] of PROBLEMS) out = out.replace(en, zhText);
    return out;
  }
  return line;
}
