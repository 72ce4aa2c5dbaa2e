/** The parts of a storyboard the UI shows: scene order and timing (the full spec lives in src/video). */
export interface StoryboardOutline {
  name?: string;
  scenes: { part: 'head' | 'waist' | 'leg'; duration: number }[];
  endCard?: { duration: number; headline?: string };
  total: number;
}

/** Reads scene parts and durations from a video template's JSON source; undefined when it is not one. */
export function outlineOf(source: string): StoryboardOutline | undefined {
  try {
    const spec = JSON.parse(source) as { name?: string; scenes?: { part?: string; duration?: number }[]; endCard?: { duration?: number; headline?: string } };
    const scenes = (spec.scenes ?? [])
      .filter((s): s is { part: 'head' | 'waist' | 'leg'; duration: number } => ['head', 'waist', 'leg'].includes(String(s.part)) && typeof s.duration === 'number')
      .map((s) => ({ part: s.part, duration: s.duration }));
    if (!scenes.length) return undefined;
    const endCard = typeof spec.endCard?.duration === 'number' ? { duration: spec.endCard.duration, headline: spec.endCard.headline } : undefined;
    const total = scenes.reduce((a, s) => a + s.duration, 0) + (endCard?.duration ?? 0);
    return { name: spec.name, scenes, endCard, total };
  } catch {
    return undefined;
  }
}
