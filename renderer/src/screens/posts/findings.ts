import type { MethodOutput } from '@contract';
import type { Section } from './editor/SectionEditor';

type Composed = MethodOutput<'compose.preview'>;

/** A check finding as the editor shows it. */
export interface UiFinding {
  key: string;
  severity: 'error' | 'warning';
  section?: Section;
  /** Display-text offsets [start, end) in the section (underlined in the editor). */
  position?: { start: number; end: number };
  /** The words concerned with a little context. */
  excerpt?: string;
  /** The channel or field the finding is about, when it is not a section. */
  where?: string;
  rule: string;
  message: { zh: string; en: string };
}

/** What the findings list shows: the checks of the variant being previewed. */
export interface ChecksState {
  available: boolean;
  findings: UiFinding[];
}

/** The composed variant's findings in the editor's shape, errors first. */
export function toUiFindings(v: Composed, channelName: (id: string) => string): UiFinding[] {
  return v.findings
    .map((f, i) => ({
      key: `${f.ruleId}-${f.section ?? f.channel ?? f.field ?? ''}-${f.position?.start ?? i}-${i}`,
      severity: f.severity,
      section: f.section,
      position: f.section ? f.position : undefined,
      excerpt: f.excerpt,
      where: f.channel ? channelName(f.channel) : f.field,
      rule: f.ruleId,
      message: f.message,
    }))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** An excerpt with `{{vars.x}}` shown as the chip's label and expressions cut at the edges tidied. */
export function prettyExcerpt(text: string, label: (name: string) => string): string {
  return text
    .replace(/\{\{\s*vars\.([A-Za-z]+)\s*\}\}/g, (_, n: string) => `{${label(n)}}`)
    .replace(/\{\{\s*link\s*\}\}/g, () => `{${label('link')}}`)
    .replace(/^(…?)[A-Za-z.]*\}\}/, '…')
    .replace(/\{\{[A-Za-z.]*(…?)$/, '…');
}
