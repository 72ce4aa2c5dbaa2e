/**
 * Synthesises the demo background music (scripts/demo-music/) and encodes it to AAC with the ffmpeg
 * binary from @ffmpeg-installer/ffmpeg: assets/music/warm-day.m4a and bright-morning.m4a.
 * Deterministic (no randomness; bit-exact encoder flags). Usage: npx tsx scripts/make-demo-music.ts
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { brightMorning, warmDay } from './demo-music/songs.js';
import { toWav } from './demo-music/synth.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'music');
mkdirSync(outDir, { recursive: true });
// npm installs with ignore-scripts here, which can leave the binary without its exec bit.
try {
  chmodSync(ffmpeg.path, 0o755);
} catch {
  /* read-only install: use as is */
}
const tmp = mkdtempSync(join(tmpdir(), 'shequn-music-'));
try {
  for (const [name, song] of [['warm-day', warmDay], ['bright-morning', brightMorning]] as const) {
    const wav = join(tmp, `${name}.wav`);
    writeFileSync(wav, toWav(song(), 1.0, 3.0));
    const out = join(outDir, `${name}.m4a`);
    execFileSync(ffmpeg.path, ['-y', '-v', 'error', '-i', wav, '-c:a', 'aac', '-b:a', '96k', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-movflags', '+faststart', out]);
    console.log(`${name}.m4a  ${statSync(out).size} bytes`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
