import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/model/validate.js';
import { builtinStoryboards, builtinVideoTemplates } from '../../src/video/builtins.js';
import { parseStoryboard, storyboardSeconds } from '../../src/video/storyboard.js';

const tiny = () => JSON.parse(readFileSync(new URL('../fixtures/video/tiny.json', import.meta.url), 'utf8'));

/** The message a storyboard's validation throws. */
function errorOf(sb: unknown): ValidationError {
  try {
    parseStoryboard(sb);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error('expected the storyboard to be refused');
}

describe('built-in storyboards', () => {
  it('are valid, at least two, with the lengths their names promise', () => {
    const all = builtinStoryboards();
    expect(all.length).toBeGreaterThanOrEqual(2);
    const byId = Object.fromEntries(all.map((b) => [b.storyboard.id, b.storyboard]));
    expect(byId['warm-open']!.name).toBe('温暖开场');
    expect(storyboardSeconds(byId['warm-open']!)).toBe(15);
    expect(byId['quick-pick']!.name).toBe('快节奏种草');
    expect(storyboardSeconds(byId['quick-pick']!)).toBe(12);
    for (const { storyboard } of all) expect(new Set(storyboard.scenes.map((s) => s.part))).toEqual(new Set(['head', 'waist', 'leg']));
  });
  it('load as approved version-1 video templates whose hash is their source', () => {
    const templates = builtinVideoTemplates();
    expect(templates.map((t) => t.id)).toEqual(['warm-open', 'quick-pick', 'owner-open']);
    for (const t of templates) {
      expect(t.kind).toBe('video');
      expect(t.versions).toHaveLength(1);
      expect(t.versions[0]).toMatchObject({ version: 1, state: 'approved', createdBy: 'system' });
      expect(t.versions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(parseStoryboard(t.versions[0]!.source).id).toBe(t.id);
    }
  });
});

describe('storyboard validation names the scene and the field', () => {
  it('a too-short duration', () => {
    const sb = tiny();
    sb.scenes[1].duration = 0.2;
    const e = errorOf(sb);
    expect(e.message).toMatch(/^storyboard "tiny-test": scenes\[1\] \(waist\)\.duration: must be at least 0\.5 s/);
    expect(e.field).toBe('scenes[1].duration');
  });
  it('a crossfade longer than the scene before it', () => {
    const sb = tiny();
    sb.scenes[2].duration = 3;
    sb.scenes[2].transition = { kind: 'crossfade', duration: 1.5 };
    expect(errorOf(sb).message).toContain('scenes[2] (leg).transition.duration: the crossfade (1.5 s) is longer than the scene before it (1 s)');
  });
  it('a bad colour deep inside a scene', () => {
    const sb = tiny();
    sb.scenes[1].background.color = 'red';
    expect(errorOf(sb).message).toMatch(/^storyboard "tiny-test": scenes\[1\] \(waist\)\.background\.color: /);
  });
  it('an unknown layer field and a text layer without text', () => {
    const sb = tiny();
    sb.scenes[0].layers[0].fontFamily = 'Comic Sans';
    expect(errorOf(sb).message).toContain('scenes[0] (head).layers[0]');
    const sb2 = tiny();
    sb2.scenes[2].layers[0].text = '';
    expect(errorOf(sb2).message).toContain('scenes[2] (leg).layers[0].text: must not be empty');
  });
  it('parts out of order, a missing leg, and music outside assets/music', () => {
    const sb = tiny();
    sb.scenes[0].part = 'leg';
    expect(errorOf(sb).message).toContain('scenes[1] (waist).part: "waist" comes after "leg": scenes go head → waist → leg');
    const noLeg = tiny();
    noLeg.scenes[2].part = 'waist';
    expect(errorOf(noLeg).message).toContain('no scene shows the leg');
    const bad = tiny();
    bad.music.track = '../../etc/passwd.m4a';
    expect(errorOf(bad).message).toContain('music.track: must be a file under assets/music');
  });
  it('a background image given both as slot and file, and JSON that does not parse', () => {
    const sb = tiny();
    sb.scenes[0].background.asset = 'demo/logo.png';
    expect(errorOf(sb).message).toContain('scenes[0] (head).background: give exactly one of "slot" or "asset"');
    expect(() => parseStoryboard('{ nope')).toThrow(/not valid JSON/);
  });
  it('fills defaults in one place', () => {
    const sb = parseStoryboard(tiny());
    expect(sb.scenes[1].motion).toEqual({ kind: 'none' });
    expect(sb.scenes[2].transition).toEqual({ kind: 'cut' });
    expect(sb.music).toMatchObject({ volume: 0.8, fadeIn: 0.3, fadeOut: 0.5 });
    expect(sb.endCard).toMatchObject({ duration: 1, background: 'brand.background', accent: 'brand.primary' });
    expect(storyboardSeconds(sb)).toBe(4);
  });
});
