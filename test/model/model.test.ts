import { describe, expect, it } from 'vitest';
import { GroupType, Post, StoreOwner, StudioData, ValidationError, parseOrThrow } from '../../src/model/index.js';
import { tinyStudio } from '../helpers/memory-workspace.js';

describe('model validation names the field', () => {
  it('names a nested field path in a store', () => {
    const bad = { id: 's1', storeName: '店', ownerName: '王', cloudStoreUrl: 'ftp://x' };
    expect(() => parseOrThrow(StoreOwner, bad, 'store')).toThrowError(/cloudStoreUrl/);
  });

  it('names the index of a bad entity inside studio.json', () => {
    const data = tinyStudio() as unknown as { stores: { id: string }[] };
    data.stores[1]!.id = 'bad id with spaces';
    try {
      parseOrThrow(StudioData, data, 'studio.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe('stores[1].id');
      expect((err as Error).message).toContain('studio.json: stores[1].id');
    }
  });

  it('rejects an unknown leg weight naming rules.legWeight', () => {
    const g = { id: 'x', name: 'X', rules: { captionMaxLength: 10, emojiAllowed: true, legWeight: 'loud', channels: ['group'], formats: ['caption'] } };
    expect(() => parseOrThrow(GroupType, g, 'group')).toThrowError(/rules\.legWeight/);
  });

  it('requires head, waist and leg as Lexical documents', () => {
    const post = { id: 'p', title: 't', head: { root: { type: 'root', children: [] } }, waist: {}, leg: { root: { type: 'root', children: [] } }, product: { name: 'n', price: 1 }, conversionUrl: 'https://a.example/', validFrom: '2026-01-01', validUntil: '2026-02-01', templates: {} };
    expect(() => parseOrThrow(Post, post, 'post')).toThrowError(/waist\.root/);
  });

  it('fills defaults once, in the model', () => {
    const s = StoreOwner.parse({ id: 's9', storeName: '店', ownerName: '王' });
    expect(s).toMatchObject({ nickname: '', catchphrase: '', groupTypes: [], active: true });
  });
});
