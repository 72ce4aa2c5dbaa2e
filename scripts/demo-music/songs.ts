import { addNote, addShaker, bus, type Bus, mixWithEcho } from './synth.js';

type Chord = { root: number; minor?: boolean };
const C: Chord = { root: 48 };
const G: Chord = { root: 43 };
const Am: Chord = { root: 45, minor: true };
const F: Chord = { root: 41 };
const D: Chord = { root: 50 };
const Bm: Chord = { root: 47, minor: true };
const Gd: Chord = { root: 43 };
const A: Chord = { root: 45 };

const tones = (c: Chord) => [0, c.minor ? 3 : 4, 7].map((i) => c.root + i);

/** A soft sustained chord. */
function pad(b: Bus, c: Chord, start: number, dur: number, gain: number): void {
  const [r, t, f] = tones(c) as [number, number, number];
  for (const [m, pan] of [[r + 12, -0.4], [t + 12, 0.3], [f + 12, -0.1], [r + 24, 0.4]] as const) {
    addNote(b, { start, dur, midi: m, gain, pan, attack: 0.6, release: 1.2, partials: [1, 0.22, 0.07], detune: 7 });
  }
}

/** 暖暖的一天 / warm-day: 96 BPM in C major, I–V–vi–IV, pad, bass, music-box arpeggio and a simple tune (30 s). */
export function warmDay(): Bus {
  const beat = 60 / 96;
  const bar = beat * 4;
  const chords = [C, G, Am, F, C, G, Am, F, Am, F, G, C];
  const melody: [number, number][][] = [
    [], [], [], [],
    [[76, 1], [79, 1], [81, 1], [79, 1]],
    [[74, 2], [71, 1], [74, 1]],
    [[72, 1], [76, 1], [81, 2]],
    [[77, 1], [76, 1], [72, 2]],
    [[76, 1], [81, 1], [79, 1], [76, 1]],
    [[77, 2], [72, 1], [74, 1]],
    [[74, 1], [79, 1], [77, 1], [74, 1]],
    [[72, 4]],
  ];
  const out = bus(chords.length * bar + 0.2);
  const bright = bus(chords.length * bar + 0.2);
  chords.forEach((c, i) => {
    const t0 = i * bar;
    pad(out, c, t0, bar, 0.045);
    addNote(out, { start: t0, dur: beat * 1.8, midi: c.root, gain: 0.2, decay: 0.9, partials: [1, 0.35, 0.1], release: 0.3 });
    addNote(out, { start: t0 + beat * 2, dur: beat * 1.8, midi: c.root + (i % 2 ? 7 : 0), gain: 0.16, decay: 0.8, partials: [1, 0.35, 0.1], release: 0.3 });
    if (i >= 1) {
      const [r, t, f] = tones(c) as [number, number, number];
      const arp = [r + 24, f + 24, t + 24, r + 36, f + 24, t + 24, f + 24, r + 36];
      arp.forEach((m, k) => addNote(bright, { start: t0 + (k * beat) / 2, dur: 0.3, midi: m, gain: 0.055, decay: 0.32, pan: k % 2 ? 0.35 : -0.35, partials: [1, 0.1, 0.28, 0.04], release: 0.2 }));
    }
    if (i >= 2) for (let k = 0; k < 4; k++) addShaker(out, t0 + (k + 0.5) * beat, 0.05, 1000 + i * 8 + k, k % 2 ? 0.3 : -0.3);
    let pos = 0;
    for (const [m, len] of melody[i]!) {
      addNote(bright, { start: t0 + pos * beat, dur: len * beat * 0.9, midi: m, gain: 0.11, decay: 0.7, partials: [1, 0.45, 0.15, 0.06], release: 0.35 });
      pos += len;
    }
  });
  mixWithEcho(out, bright, (beat * 3) / 4, 0.32, 0.35);
  return out;
}

/** 清晨出发 / bright-morning: 112 BPM in D major, I–vi–IV–V with sixteenth plucks, shaker and claps (30 s). */
export function brightMorning(): Bus {
  const beat = 60 / 112;
  const bar = beat * 4;
  const chords = [D, Bm, Gd, A, D, Bm, Gd, A, Gd, A, D, Bm, Gd, D];
  const out = bus(chords.length * bar + 0.2);
  const bright = bus(chords.length * bar + 0.2);
  chords.forEach((c, i) => {
    const t0 = i * bar;
    pad(out, c, t0, bar, 0.035);
    for (const [b, oct] of [[0, 0], [1.5, 12], [2, 0], [3.5, 12]] as const) {
      addNote(out, { start: t0 + b * beat, dur: beat * 0.45, midi: c.root - 12 + oct, gain: 0.17, decay: 0.35, partials: [1, 0.5, 0.2], release: 0.08 });
    }
    const [r, t, f] = tones(c) as [number, number, number];
    const arp = [r + 24, t + 24, f + 24, t + 24, r + 36, f + 24, t + 24, f + 24];
    for (let k = 0; k < 16; k++) {
      if (i === 0 && k < 8) continue;
      addNote(bright, { start: t0 + (k * beat) / 4, dur: 0.12, midi: arp[k % 8]!, gain: 0.045, decay: 0.14, pan: k % 2 ? 0.45 : -0.45, partials: [1, 0.3, 0.1], release: 0.06 });
    }
    for (let k = 0; k < 8; k++) addShaker(out, t0 + (k * beat) / 2, k % 2 ? 0.06 : 0.035, 2000 + i * 16 + k, 0.2);
    if (i >= 2) for (const b of [1, 3]) for (let j = 0; j < 3; j++) addShaker(out, t0 + b * beat + j * 0.012, 0.12, 5000 + i * 8 + b * 3 + j, -0.1);
  });
  mixWithEcho(out, bright, beat / 2, 0.25, 0.3);
  return out;
}
