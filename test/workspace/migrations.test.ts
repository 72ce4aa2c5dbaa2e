import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupType, noticeText, SCHEMA_VERSION } from '../../src/model/index.js';
import { migrate, MIGRATIONS, openWorkspace, type Workspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';

const V1 = path.resolve('test/fixtures/workspace/studio-v1.json');
let dir: string;
const open: Workspace[] = [];
const track = (ws: Workspace) => (open.push(ws), ws);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-mig-'));
});
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('schema migrations', () => {
  it('the migration list reaches the current schema one step at a time', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual([[1, 2]]);
    expect(MIGRATIONS.at(-1)!.to).toBe(SCHEMA_VERSION);
  });

  it('v1 → v2: groups become groupTypes, users/audit/portal are added, the input is untouched', async () => {
    const v1 = JSON.parse(await readFile(V1, 'utf8'));
    const frozen = JSON.stringify(v1);
    const { doc, applied } = migrate(v1);
    expect(applied.map((m) => m.from)).toEqual([1]);
    expect(JSON.stringify(v1)).toBe(frozen);
    expect(doc).not.toHaveProperty('groups');
    expect(doc.schemaVersion).toBe(2);
    expect(doc).toMatchObject({ users: [], audit: [], portal: { tokens: [], lan: false } });
    const expected = minimalStudio();
    // Fields added since (group profiles) come from the schema's defaults when the file is read.
    expect(GroupType.array().parse(doc.groupTypes)).toEqual(expected.groupTypes);
    expect((doc.stores as { groupTypes: string[] }[]).map((s) => s.groupTypes)).toEqual([['community', 'moms'], ['community']]);
  });

  it('opening a v1 workspace backs the file up byte for byte, migrates and writes schema 2', async () => {
    await copyFile(V1, path.join(dir, 'studio.json'));
    const original = await readFile(V1, 'utf8');
    const ws = track(await openWorkspace(dir));
    expect(ws.data().schemaVersion).toBe(2);
    expect(ws.data().stores[0]!.groupTypes).toEqual(['community', 'moms']);
    expect(ws.notices[0]).toMatch(/migrated from schema 1 to 2 .*kept as \.backups\/premigrate-v1-/);
    // The studio shows it in Chinese by default, the step's summary too.
    const zh = noticeText('zh', ws.notices[0]!);
    expect(zh).toMatch(/^studio\.json 已从数据版本 1 升级到 2（1→2：“群”改称“群类型”（工作区、门店、内容）；新增用户、操作记录和门店页面）；原文件保存在 \.backups\/premigrate-v1-/);
    expect(zh).not.toMatch(/groupTypes|adds users/);
    const backups = await readdir(path.join(dir, '.backups'));
    const pre = backups.find((n) => n.startsWith('premigrate-v1-'))!;
    expect(await readFile(path.join(dir, '.backups', pre), 'utf8')).toBe(original);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'studio.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.groupTypes).toHaveLength(2);
    // The pre-migration copy is never pruned by routine backups.
    for (let i = 0; i < 12; i++) await ws.update((d) => void (d.brand.slogan = `s${i}`));
    expect((await readdir(path.join(dir, '.backups'))).filter((n) => n.startsWith('premigrate-'))).toEqual([pre]);
  });

  it('a read-only open of a v1 workspace migrates in memory and writes nothing', async () => {
    await copyFile(V1, path.join(dir, 'studio.json'));
    const ws = track(await openWorkspace(dir, { readOnly: true }));
    expect(ws.data().groupTypes).toHaveLength(2);
    expect(ws.notices[0]).toContain('migrated in memory only');
    expect(noticeText('zh', ws.notices[0]!)).toContain('只在内存中升级（1→2：“群”改称“群类型”');
    expect(await readFile(path.join(dir, 'studio.json'), 'utf8')).toBe(await readFile(V1, 'utf8'));
  });

  it('a newer schema opens read-only with a notice and is never written', async () => {
    const newer = { ...minimalStudio(), schemaVersion: SCHEMA_VERSION + 1, somethingNew: { x: 1 } };
    const text = JSON.stringify(newer, null, 2);
    await writeFile(path.join(dir, 'studio.json'), text);
    const ws = track(await openWorkspace(dir));
    expect(ws.readOnly).toBe(true);
    expect(ws.notices).toEqual([`studio.json was written by a newer Shequn Studio (schema ${SCHEMA_VERSION + 1}); opened read-only`]);
    expect(ws.data().stores).toHaveLength(2);
    const err = await ws.update((d) => void (d.brand.name = 'x')).catch((e) => e);
    expect(err.code).toBe('read_only');
    expect(err.message).toContain('newer Shequn Studio');
    expect(await readFile(path.join(dir, 'studio.json'), 'utf8')).toBe(text);
    expect(await readdir(dir)).not.toContain('.studio.lock');
  });
});
