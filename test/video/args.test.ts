import { describe, expect, it } from 'vitest';
import {
  audioChain, bodyArgs, cardOutputPath, concatArgs, concatList, DEFAULT_ENCODER, endCardsArgs, fullArgs, musicArgs, sceneTiming, toArgv, videoEncoderOptions,
  type ScenePlan,
} from '../../src/video/args/index.js';
import { parseTimemark } from '../../src/video/ffmpeg.js';
import { cardUnitFrames } from '../../src/video/render.js';

const fmt = { width: 1080, height: 1920, fps: 30 };
const enc = { ...DEFAULT_ENCODER, threads: 2 };
const music = { path: '/m/warm.m4a', volume: 0.8, fadeIn: 1, fadeOut: 1.5 };
const scenes: ScenePlan[] = [
  { frames: 120, fadeIn: 18, background: { kind: 'image', path: '/w/a.jpg' }, motion: { kind: 'zoom', from: 1, to: 1.12 }, layer: { path: '/w/a-layer.png', x: 80, y: 1300 } },
  { frames: 135, fadeIn: 15, background: { kind: 'image', path: '/w/b.png' }, motion: { kind: 'none' } },
  { frames: 120, fadeIn: 0, background: { kind: 'color', color: '#C8102E' }, motion: { kind: 'pan', direction: 'right', zoom: 1.2 } },
];

/** The value after a flag in an option list. */
const opt = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('encoder settings', () => {
  it('are the same for the body, the end cards and full encodes (identical settings → joinable by stream copy)', () => {
    const shared = videoEncoderOptions(fmt, enc);
    const body = bodyArgs(scenes, { format: fmt, encoder: enc, output: '/o/body.mp4' }).outputs[0]!.options;
    const cards = endCardsArgs(['/c/1.png', '/c/2.png'], { format: fmt, encoder: enc, frames: 15, outputPattern: '/o/c-%03d.mp4' }).outputs[0]!.options;
    const full = fullArgs(scenes, music, { format: fmt, encoder: enc, output: '/o/full.mp4' }).outputs[0]!.options;
    for (const o of [body, cards, full]) expect(toArgv({ inputs: [], outputs: [{ path: 'x', options: o }], duration: 1, label: '' }).join(' ')).toContain(shared.join(' '));
    expect(shared).toEqual(expect.arrayContaining(['libx264', 'high', '4.0', 'yuv420p', 'veryfast']));
    expect(opt(shared, '-g')).toBe('60');
    expect(opt(body, '-video_track_timescale')).toBe('15360');
    expect(opt(cards, '-segment_format_options')).toBe('video_track_timescale=15360');
  });
});

describe('bodyArgs', () => {
  const spec = bodyArgs(scenes, { format: fmt, encoder: enc, output: '/o/body.mp4' });
  it('decodes every image once (no -loop 1: stills are looped in the graph)', () => {
    expect(spec.inputs.map((i) => i.path)).toEqual(['/w/a.jpg', '/w/a-layer.png', '/w/b.png']);
    expect(spec.inputs.every((i) => !(i.options ?? []).includes('-loop'))).toBe(true);
    expect(spec.filter).toContain('loop=loop=149:size=1:start=0,settb=1/30,setpts=N');
  });
  it('lays scenes on a base of exactly the body length and stops at that frame', () => {
    expect(spec.filter).toContain('color=c=black:s=1080x1920:r=30,trim=end_frame=375');
    expect(opt(spec.outputs[0]!.options, '-frames:v')).toBe('375');
    expect(spec.outputs[0]!.options).toContain('-an');
    expect(spec.duration).toBe(12.5);
  });
  it('moves the background with zoompan and keeps the text still above it', () => {
    expect(spec.filter).toMatch(/zoompan=z='1\+0\.12\*on\/119'.*d=120:s=1080x1920:fps=30/);
    expect(spec.filter).toContain('[s0bg][1:v]overlay=80:1300');
    const pan = bodyArgs([{ ...scenes[0]!, fadeIn: 0, motion: { kind: 'pan', direction: 'right', zoom: 1.2 } }], { format: fmt, encoder: enc, output: '/o/b.mp4' });
    expect(pan.filter).toContain("zoompan=z='1.2':x='(iw-iw/zoom)*on/119':y='(ih-ih/zoom)/2'");
  });
  it('crossfades only over the overlap: a scene starts fadeIn frames before its slot', () => {
    expect(sceneTiming(scenes)).toEqual([{ start: 0, length: 120 }, { start: 105, length: 150 }, { start: 255, length: 120 }]);
    expect(spec.filter).toContain('trim=end_frame=15,format=yuva420p,fade=t=in:s=0:n=15:alpha=1,settb=1/30,setpts=PTS-STARTPTS+105[s1]');
    expect(spec.filter).toContain('trim=start_frame=15,settb=1/30,setpts=PTS-STARTPTS+120[s1o]');
    // The first scene fades in from black over its own first frames.
    expect(spec.filter).toContain('fade=t=in:s=0:n=18:alpha=1,settb=1/30,setpts=PTS-STARTPTS+0[s0]');
  });
  it('treats a moving colour as a still colour source', () => {
    expect(spec.filter).toContain('color=c=0xC8102E:s=1080x1920:r=30,trim=end_frame=120');
  });
});

describe('endCardsArgs', () => {
  const cards = ['/c/a.png', '/c/b.png', '/c/c.png'];
  const spec = endCardsArgs(cards, { format: fmt, encoder: enc, frames: 15, outputPattern: '/o/cards-%03d.mp4' });
  const o = spec.outputs[0]!.options;
  it('encodes every card in one run, each decoded once and looped in the graph', () => {
    expect(spec.inputs.map((i) => i.path)).toEqual(cards);
    expect(spec.filter).toContain('[c0][c1][c2]concat=n=3:v=1:a=0[vout]');
    expect(spec.filter!.match(/loop=loop=14:size=1/g)).toHaveLength(3);
  });
  it('forces a keyframe at every card boundary and splits there by stream copy (segment muxer)', () => {
    expect(opt(o, '-force_key_frames')).toBe('expr:eq(mod(n,15),0)');
    expect(opt(o, '-forced-idr')).toBe('1');
    expect(opt(o, '-f')).toBe('segment');
    expect(opt(o, '-segment_frames')).toBe('15,30');
    expect(opt(o, '-reset_timestamps')).toBe('1');
    expect(cardOutputPath('/o/cards-%03d.mp4', 2)).toBe('/o/cards-002.mp4');
    expect(spec.duration).toBe(1.5);
  });
});

describe('joining and music', () => {
  it('joins with the concat demuxer (-safe 1) by stream copy and copies one continuous audio track', () => {
    const spec = concatArgs('/w/join-0.txt', { kind: 'track', path: '/w/music.m4a' }, { duration: 15, output: '/o/v.mp4' });
    const argv = toArgv(spec);
    expect(argv.slice(0, 6)).toEqual(['-f', 'concat', '-safe', '1', '-i', '/w/join-0.txt']);
    expect(opt(spec.outputs[0]!.options, '-c')).toBe('copy');
    expect(opt(spec.outputs[0]!.options, '-t')).toBe('15');
    expect(opt(spec.outputs[0]!.options, '-movflags')).toBe('+faststart');
  });
  it('can instead encode the music in the join pass, with the video copied', () => {
    const spec = concatArgs('/w/l.txt', { kind: 'music', music }, { duration: 15, output: '/o/v.mp4' });
    const o = spec.outputs[0]!.options;
    expect(opt(o, '-c:v')).toBe('copy');
    expect(opt(o, '-c:a')).toBe('aac');
    expect(spec.inputs[1]).toEqual({ path: '/m/warm.m4a', options: ['-stream_loop', '-1'] });
    expect(spec.filter).toContain('afade=t=out:st=13.5:d=1.5');
  });
  it('writes concat lists of plain relative names only (what -safe 1 accepts)', () => {
    expect(concatList(['body.mp4', 'cards0-001.mp4', 'cards0-001.mp4'])).toBe("file 'body.mp4'\nfile 'cards0-001.mp4'\nfile 'cards0-001.mp4'\n");
    expect(() => concatList(['/abs/body.mp4'])).toThrow(/safe relative/);
    expect(() => concatList(['../x.mp4'])).toThrow(/safe relative/);
    expect(() => concatList(["a'b.mp4"])).toThrow(/safe relative/);
  });
  it('makes the music track exactly the video length with fades at both ends', () => {
    const spec = musicArgs(music, { duration: 12, output: '/w/music.m4a' });
    expect(spec.filter).toBe(
      '[0:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo,volume=0.8,atrim=end=12,asetpts=PTS-STARTPTS,afade=t=in:st=0:d=1,afade=t=out:st=10.5:d=1.5[aout]',
    );
    expect(opt(spec.outputs[0]!.options, '-t')).toBe('12');
    expect(audioChain(undefined, 0, 4)).toMatch(/^anullsrc=r=44100:cl=stereo,atrim=end=4/);
  });
  it('full encodes map the graph video and audio into one faststart file', () => {
    const spec = fullArgs(scenes, music, { format: fmt, encoder: enc, output: '/o/f.mp4' });
    const o = spec.outputs[0]!.options;
    expect(o.slice(0, 4)).toEqual(['-map', '[vout]', '-map', '[aout]']);
    expect(spec.inputs.at(-1)).toEqual({ path: '/m/warm.m4a', options: ['-stream_loop', '-1'] });
    expect(spec.filter).toContain('[3:a]aresample');
    expect(opt(o, '-movflags')).toBe('+faststart');
  });
});

describe('small helpers', () => {
  it('reads ffmpeg time marks', () => {
    expect(parseTimemark('00:01:02.50')).toBe(62.5);
    expect(parseTimemark(undefined)).toBe(0);
  });
  it('splits a still card into the smallest even piece of at least 12 frames', () => {
    expect(cardUnitFrames(75)).toBe(15);
    expect(cardUnitFrames(60)).toBe(12);
    expect(cardUnitFrames(30)).toBe(15);
    expect(cardUnitFrames(13)).toBe(13);
    expect(cardUnitFrames(75, false)).toBe(75);
  });
});
