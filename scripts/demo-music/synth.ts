/** A tiny additive synthesiser for the demo background music: notes into a stereo float buffer, then 16-bit WAV. */

export const RATE = 44100;

/** A stereo buffer being mixed. */
export interface Bus {
  left: Float32Array;
  right: Float32Array;
}

/** A silent stereo buffer of `seconds`. */
export function bus(seconds: number): Bus {
  const n = Math.ceil(seconds * RATE);
  return { left: new Float32Array(n), right: new Float32Array(n) };
}

/** Frequency of a MIDI note number (69 = A4 = 440 Hz). */
export const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** One note: additive partials shaped by an attack / decay / release envelope. */
export interface Note {
  start: number;
  dur: number;
  midi: number;
  gain: number;
  pan?: number; // -1 left … 1 right
  attack?: number;
  release?: number;
  decay?: number; // time constant of an exponential decay (plucks); undefined = sustained
  partials?: number[]; // amplitude of harmonic 1, 2, 3…
  detune?: number; // cents between the left and right voices (a gentle chorus)
}

/** Adds a note to the bus. */
export function addNote(b: Bus, n: Note): void {
  const attack = n.attack ?? 0.01;
  const release = n.release ?? 0.2;
  const partials = n.partials ?? [1];
  const pan = n.pan ?? 0;
  const gl = n.gain * Math.cos(((pan + 1) * Math.PI) / 4);
  const gr = n.gain * Math.sin(((pan + 1) * Math.PI) / 4);
  const det = (n.detune ?? 0) / 1200;
  const fl = hz(n.midi) * 2 ** -det;
  const fr = hz(n.midi) * 2 ** det;
  const i0 = Math.floor(n.start * RATE);
  const total = Math.floor((n.dur + release) * RATE);
  const end = Math.min(b.left.length, i0 + total);
  for (let i = i0; i < end; i++) {
    const t = (i - i0) / RATE;
    let env = t < attack ? t / attack : 1;
    if (n.decay !== undefined) env *= Math.exp(-t / n.decay);
    if (t > n.dur) env *= Math.max(0, 1 - (t - n.dur) / release);
    if (env <= 0) continue;
    let sl = 0;
    let sr = 0;
    for (let k = 0; k < partials.length; k++) {
      const a = partials[k]!;
      if (a === 0) continue;
      // Higher partials fade faster, as on a real plucked or struck string.
      const fade = n.decay !== undefined && k > 0 ? Math.exp((-t * k) / (n.decay * 2)) : 1;
      sl += a * fade * Math.sin(2 * Math.PI * fl * (k + 1) * t);
      sr += a * fade * Math.sin(2 * Math.PI * fr * (k + 1) * t);
    }
    b.left[i]! += sl * env * gl;
    b.right[i]! += sr * env * gr;
  }
}

/** A soft shaker hit: deterministic noise with a short decay. */
export function addShaker(b: Bus, start: number, gain: number, seed: number, pan = 0): void {
  let s = seed >>> 0 || 1;
  const i0 = Math.floor(start * RATE);
  const end = Math.min(b.left.length, i0 + Math.floor(0.09 * RATE));
  let prev = 0;
  for (let i = i0; i < end; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const white = s / 2 ** 31 - 1;
    const hp = white - prev; // crude high-pass: the hiss of a shaker, not a rumble
    prev = white;
    const t = (i - i0) / RATE;
    const env = Math.min(1, t / 0.004) * Math.exp(-t / 0.025);
    b.left[i]! += hp * env * gain * (1 - pan) * 0.5;
    b.right[i]! += hp * env * gain * (1 + pan) * 0.5;
  }
}

/** Mixes `src` into `dst` through a feedback echo (a cheap sense of room). */
export function mixWithEcho(dst: Bus, src: Bus, delay: number, feedback: number, wet: number): void {
  const d = Math.floor(delay * RATE);
  for (const [s, o, cross] of [
    [src.left, dst.left, src.right],
    [src.right, dst.right, src.left],
  ] as const) {
    const echo = new Float32Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const back = i >= d ? echo[i - d]! : 0;
      const crossIn = i >= d ? cross[i - d]! * 0.3 : 0;
      echo[i] = (i >= d ? s[i - d]! : 0) * 0.7 + crossIn + back * feedback;
      o[i]! += s[i]! + echo[i]! * wet;
    }
  }
}

/** Fades in and out, normalises the peak to `peak` (about -6 dBFS: a bed under a voice-over) and returns 16-bit stereo PCM WAV bytes. */
export function toWav(b: Bus, fadeIn: number, fadeOut: number, peak = 0.5): Buffer {
  const n = b.left.length;
  let max = 1e-9;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(b.left[i]!), Math.abs(b.right[i]!));
  const scale = peak / max;
  const out = Buffer.alloc(44 + n * 4);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + n * 4, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(2, 22);
  out.writeUInt32LE(RATE, 24);
  out.writeUInt32LE(RATE * 4, 28);
  out.writeUInt16LE(4, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const left = (n - i) / RATE;
    const env = Math.min(1, t / fadeIn, left / fadeOut);
    const q = (x: number) => Math.max(-32768, Math.min(32767, Math.round(x * scale * env * 32767)));
    out.writeInt16LE(q(b.left[i]!), 44 + i * 4);
    out.writeInt16LE(q(b.right[i]!), 46 + i * 4);
  }
  return out;
}
