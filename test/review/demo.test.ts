import { describe, expect, it } from 'vitest';
import { buildDemoStudio, withBuiltinTemplates } from '../../src/demo/index.js';
import { addDemoReviewQueue, demoChange } from '../../src/review/demo.js';
import { assertPostShippable } from '../../src/review/pins.js';
import { reviewQueue } from '../../src/review/queue.js';
import { fixture } from './fixture.js';

describe('demo review queue', () => {
  it('puts one NEW version in review by editor while every demo post still ships', async () => {
    const { data } = await buildDemoStudio();
    // The fixture's templates stand in when the built-in ones are not there.
    const demo = data.templates.length ? data : withBuiltinTemplates(data, fixture().templates);
    const out = addDemoReviewQueue(demo);
    expect(out).toBeDefined();
    const queue = reviewQueue(demo);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ template: out!.template, version: out!.version, submitter: 'editor', previousApproved: 1 });
    expect(out!.version).toBeGreaterThan(1);
    expect(demo.users.find((u) => u.id === 'editor')?.role).toBe('editor');
    expect(demo.users.find((u) => u.id === 'manager')?.role).toBe('manager');
    expect(demo.posts.length).toBeGreaterThan(0);
    for (const p of demo.posts) expect(() => assertPostShippable(demo, p)).not.toThrow();
    // The pending version is a real change and the audit log says who did it.
    const t = demo.templates.find((x) => x.id === out!.template)!;
    expect(t.versions.at(-1)!.source).not.toBe(t.versions[0]!.source);
    expect(demo.audit.filter((a) => a.target === out!.template).map((a) => [a.by, a.action])).toEqual([
      ['editor', 'template.add_version'],
      ['editor', 'review.submit'],
    ]);
    // Idempotent.
    expect(addDemoReviewQueue(demo)).toEqual(out);
    expect(reviewQueue(demo)).toHaveLength(1);
  });

  it('changes the first colour, or adds a Handlebars comment when there is none', () => {
    expect(demoChange('a { color: #112233 } b { color: #445566 }')).toBe('a { color: #D7261E } b { color: #445566 }');
    expect(demoChange('{{sections.head}}\n')).toBe('{{sections.head}}\n{{!-- 新春版 Spring-Festival edition --}}\n');
  });
});
