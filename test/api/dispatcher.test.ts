import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { StudioError } from '../../src/model/index.js';
import { contract, methodNames } from '../../src/api/contract.js';
import { handlers } from '../../src/api/handlers/index.js';
import { memoryWorkspace, tinyStudio } from '../helpers/memory-workspace.js';
import { ctx } from '../helpers/session.js';

async function errorOf(p: Promise<unknown>): Promise<StudioError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected an error');
}

describe('the dispatcher', () => {
  it('has a handler for every contract method and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
    for (const m of methodNames) expect(contract[m].description.length).toBeGreaterThan(3);
  });

  it('returns typed data on success', async () => {
    const ws = memoryWorkspace(tinyStudio());
    const stores = await dispatch('stores.list', { q: '梅' }, ctx(ws));
    expect(stores.map((s) => s.id)).toEqual(['s002']);
  });

  it('refuses an unknown method with not_found', async () => {
    const err = await errorOf(dispatch('stores.drop', {}, ctx(memoryWorkspace(tinyStudio()))));
    expect(err.code).toBe('not_found');
  });

  it('refuses inherited names such as toString and __proto__', async () => {
    for (const name of ['toString', '__proto__', 'constructor']) {
      expect((await errorOf(dispatch(name, {}, ctx(memoryWorkspace(tinyStudio()))))).code).toBe('not_found');
    }
  });

  it('refuses wrong types naming the field', async () => {
    const err = await errorOf(dispatch('stores.get', { id: 42 }, ctx(memoryWorkspace(tinyStudio()))));
    expect(err).toMatchObject({ code: 'bad_input', field: 'id' });
  });

  it('refuses extra fields', async () => {
    const err = await errorOf(dispatch('stores.get', { id: 's001', admin: true }, ctx(memoryWorkspace(tinyStudio()))));
    expect(err.code).toBe('bad_input');
    expect(err.message).toMatch(/admin/);
  });

  it('refuses __proto__ keys anywhere in the input', async () => {
    const input = JSON.parse('{"store": {"id": "s9", "storeName": "x", "ownerName": "y", "__proto__": {"polluted": true}}}');
    const ws = memoryWorkspace(tinyStudio());
    const err = await errorOf(dispatch('stores.save', input, ctx(ws)));
    expect(err.code).toBe('bad_input');
    expect(ws.writes).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps a handler validation error to bad_input with the field, leaving data unchanged', async () => {
    const ws = memoryWorkspace(tinyStudio());
    const before = JSON.stringify(ws.data());
    const err = await errorOf(dispatch('stores.save', { store: { id: 's9', storeName: '新店', ownerName: '赵', groupTypes: ['nope'] } }, ctx(ws)));
    expect(err).toMatchObject({ code: 'bad_input', field: 'store.groupTypes' });
    expect(JSON.stringify(ws.data())).toBe(before);
  });

  it('refuses writes on a read-only workspace and says why', async () => {
    const ws = memoryWorkspace(tinyStudio(), { readOnly: true, notices: ['studio.json was written by a newer Shequn Studio'] });
    const err = await errorOf(dispatch('stores.delete', { id: 's001' }, ctx(ws)));
    expect(err.code).toBe('read_only');
    expect(err.message).toMatch(/newer Shequn Studio/);
  });

  it('answers not_found naming the entity', async () => {
    const err = await errorOf(dispatch('posts.get', { id: 'nope' }, ctx(memoryWorkspace(tinyStudio()))));
    expect(err).toMatchObject({ code: 'not_found' });
    expect(err.message).toContain('"nope"');
  });

  it('keeps referential integrity when deleting a group type in use', async () => {
    const err = await errorOf(dispatch('groups.delete', { id: 'vip' }, ctx(memoryWorkspace(tinyStudio()))));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('s002');
  });
});
