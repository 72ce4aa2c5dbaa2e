import Handlebars from 'handlebars';
import { LRUCache } from 'lru-cache';
import { createHeadlessEditor } from '@lexical/headless';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTabNode,
  $isTextNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import type { LexicalDoc } from '../model/index.js';
import { $createVariableNode, $isVariableNode, isVariableName, STUDIO_NODES, variableExpression, type VariableName } from '../model/nodes/index.js';

/** A run of plain text or one variable within a line. */
export type Segment = { type: 'text'; text: string } | { type: 'var'; name: VariableName };
/** A section as lines of segments (a paragraph or a line break starts a new line). */
export type SectionLines = Segment[][];

/** A section document that cannot be read; names the section and the problem. */
export class SectionError extends Error {
  constructor(
    readonly section: string,
    message: string,
  ) {
    super(`${section}: ${message}`);
    this.name = 'SectionError';
  }
}

/** A headless editor with the studio's nodes registered (reading and writing section documents). */
function createSectionEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'shequn-sections',
    nodes: [...STUDIO_NODES],
    onError: (err) => {
      throw err;
    },
  });
}

/**
 * Reads section documents, keeping what is worth keeping between calls: one headless editor and
 * the lines of recently read documents (a compose cache holds one reader; a one-off read uses a
 * fresh one).
 */
export class SectionReader {
  private ed?: LexicalEditor;
  private readonly lines = new LRUCache<string, SectionLines>({ max: 300 });

  /** The reader's headless editor. */
  editor(): LexicalEditor {
    return (this.ed ??= createSectionEditor());
  }

  /** Reads a serialized Lexical document (through @lexical/headless) into lines of segments. */
  read(doc: unknown, section = 'section'): SectionLines {
    const key = `${section}\u0000${JSON.stringify(doc)}`;
    const hit = this.lines.get(key);
    if (hit) return hit;
    const lines = readLexical(this.editor(), doc, section);
    this.lines.set(key, lines);
    return lines;
  }
}

const KNOWN: ReadonlySet<string> = new Set(['root', 'paragraph', 'text', 'linebreak', 'tab', 'variable']);
type JsonNode = { type?: unknown; children?: unknown; text?: unknown; [k: string]: unknown };

/**
 * Brings a document from a richer editor down to what a caption is: paragraphs of text, line
 * breaks and variables. Unknown block elements (heading, quote, list) become paragraphs, unknown
 * inline elements (link) give their children; unknown leaves with text become text.
 */
function normalize(doc: unknown, section: string): LexicalDoc {
  const root = (doc as { root?: JsonNode } | null)?.root;
  if (!root || root.type !== 'root' || !Array.isArray(root.children)) throw new SectionError(section, 'not a Lexical document (expected {"root": {"type": "root", "children": [...]}})');
  const inline = (n: JsonNode): JsonNode[] => {
    if (typeof n !== 'object' || n === null) throw new SectionError(section, 'a node is not an object');
    if (n.type === 'variable' && !isVariableName(n.name)) throw new SectionError(section, `unknown variable "${String(n.name)}"`);
    if (KNOWN.has(String(n.type)) && n.type !== 'paragraph' && n.type !== 'root') return [n];
    if (Array.isArray(n.children)) return (n.children as JsonNode[]).flatMap(inline);
    if (typeof n.text === 'string') return [{ type: 'text', text: n.text, version: 1 }];
    throw new SectionError(section, `node type "${String(n.type)}" cannot be shown in a caption`);
  };
  const blocks = (n: JsonNode): JsonNode[] => {
    const kids = Array.isArray(n.children) ? (n.children as JsonNode[]) : [];
    if (n.type === 'paragraph') return [{ ...n, children: kids.flatMap(inline) }];
    if (kids.length && kids.every((k) => Array.isArray(k?.children) && !['link', 'autolink'].includes(String(k.type)))) return kids.flatMap(blocks);
    return [{ type: 'paragraph', version: 1, children: inline(n) }];
  };
  return { root: { ...root, children: (root.children as JsonNode[]).flatMap(blocks) } } as LexicalDoc;
}

function readLines(node: LexicalNode, lines: SectionLines): void {
  for (const child of $isElementNode(node) ? node.getChildren() : []) {
    if ($isVariableNode(child)) lines[lines.length - 1]!.push({ type: 'var', name: child.getName() });
    else if ($isLineBreakNode(child)) lines.push([]);
    else if ($isTabNode(child)) pushText(lines, '\t');
    else if ($isTextNode(child)) pushText(lines, child.getTextContent());
    else if ($isElementNode(child)) readLines(child, lines);
  }
}

function pushText(lines: SectionLines, text: string): void {
  const line = lines[lines.length - 1]!;
  const last = line[line.length - 1];
  if (last?.type === 'text') last.text += text;
  else if (text) line.push({ type: 'text', text });
}

function readLexical(ed: LexicalEditor, doc: unknown, section: string): SectionLines {
  let state;
  try {
    state = ed.parseEditorState(normalize(doc, section) as never);
  } catch (err) {
    if (err instanceof SectionError) throw err;
    throw new SectionError(section, `cannot read the document: ${(err as Error).message}`);
  }
  const lines: SectionLines = [];
  state.read(() => {
    for (const block of $getRoot().getChildren()) {
      lines.push([]);
      readLines(block, lines);
    }
  });
  return lines;
}

/** Reads a serialized Lexical document into lines of segments (`reader` keeps the editor and recent reads). */
export function readSection(doc: unknown, section = 'section', reader = new SectionReader()): SectionLines {
  return reader.read(doc, section);
}

/**
 * Escapes plain text for a Handlebars source: `{{` becomes `\{{` (printed literally, never
 * evaluated). Handlebars reads backslashes right before `{{` specially, so a backslash the user
 * typed there is doubled and, before a literal `{{`, separated by an empty comment `{{!}}`.
 */
function escapeText(text: string, mustacheFollows: boolean): string {
  let out = text.replace(/(\\*)\{\{/g, (_m, slashes: string) => (slashes ? `${slashes}\\{{!}}\\{{` : '\\{{'));
  if (mustacheFollows && /\\$/.test(out)) out += '\\';
  return out;
}

const literal = (s: string) => `{{literal "${s}"}}`;

/**
 * The Handlebars source of a section: lines joined by "\n", variables as `{{vars.x}}` (`{{link}}`),
 * user text escaped so it is printed as typed. A `{` run right before a variable and a `}` run right
 * after one go through `{{literal "…"}}` so they cannot merge into the braces.
 */
export function sectionSource(lines: SectionLines): string {
  return lines
    .map((line) =>
      line
        .map((seg, i) => {
          if (seg.type === 'var') return variableExpression(seg.name);
          const prevVar = line[i - 1]?.type === 'var';
          const nextVar = line[i + 1]?.type === 'var';
          let text = seg.text;
          let head = '';
          let tail = '';
          if (prevVar) {
            const m = /^\}+/.exec(text);
            if (m) (head = literal(m[0])), (text = text.slice(m[0].length));
          }
          if (nextVar) {
            const m = /\{+$/.exec(text);
            if (m) (tail = literal(m[0])), (text = text.slice(0, -m[0].length));
          }
          return head + escapeText(text, Boolean(tail) || nextVar) + tail;
        })
        .join(''),
    )
    .join('\n');
}

/** The section as the editor shows it: user text as typed, each variable as its `{{vars.x}}` expression. */
export function sectionDisplay(lines: SectionLines): string {
  return lines.map((line) => line.map((s) => (s.type === 'var' ? variableExpression(s.name) : s.text)).join('')).join('\n');
}

/** Lexical document → section text (the Handlebars source compose renders). */
export function lexicalToSectionText(doc: unknown, section = 'section', reader?: SectionReader): string {
  return sectionSource(readSection(doc, section, reader));
}

/** Section text (as sectionSource writes it, or hand-written for demo content) → lines of segments. */
export function sectionTextToLines(text: string, section = 'section'): SectionLines {
  let ast: { body: { type: string; value?: string; path?: { original?: string; type?: string }; params?: { type: string; value?: unknown }[]; hash?: unknown }[] };
  try {
    ast = Handlebars.parse(text) as never;
  } catch (err) {
    throw new SectionError(section, `not valid section text: ${(err as Error).message.split('\n').slice(-1)[0]}`);
  }
  const lines: SectionLines = [[]];
  const addText = (t: string) => {
    t.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) pushText(lines, part);
    });
  };
  for (const s of ast.body) {
    if (s.type === 'ContentStatement') addText(s.value ?? '');
    else if (s.type === 'CommentStatement') continue;
    else if (s.type === 'MustacheStatement') {
      const name = s.path?.original ?? '';
      const params = s.params ?? [];
      if (name === 'literal' && params.length === 1 && params[0]!.type === 'StringLiteral') addText(String(params[0]!.value));
      else if (name === 'link' && params.length === 0) lines[lines.length - 1]!.push({ type: 'var', name: 'link' });
      else if (name.startsWith('vars.') && params.length === 0 && isVariableName(name.slice(5)) && name !== 'vars.link') lines[lines.length - 1]!.push({ type: 'var', name: name.slice(5) as VariableName });
      else throw new SectionError(section, `"{{${name}${params.length ? ' …' : ''}}}" is not a variable (use {{vars.<name>}} or {{link}})`);
    } else throw new SectionError(section, `section text holds only text and variables, not ${s.type}`);
  }
  return lines;
}

/** Section text → a serialized Lexical document (one paragraph per line), made by Lexical itself. */
export function sectionTextToLexical(text: string, section = 'section', reader?: SectionReader): LexicalDoc {
  return linesToLexical(sectionTextToLines(text, section), reader);
}

/** Lines of segments → a serialized Lexical document. */
export function linesToLexical(lines: SectionLines, reader = new SectionReader()): LexicalDoc {
  const ed = reader.editor();
  ed.update(
    () => {
      const root = $getRoot();
      root.clear();
      for (const line of lines) {
        const p = $createParagraphNode();
        for (const seg of line) {
          if (seg.type === 'var') p.append($createVariableNode(seg.name));
          else {
            const parts = seg.text.split('\n');
            parts.forEach((part, i) => {
              if (i > 0) p.append($createLineBreakNode());
              if (part) p.append($createTextNode(part));
            });
          }
        }
        root.append(p);
      }
    },
    { discrete: true },
  );
  return ed.getEditorState().toJSON() as unknown as LexicalDoc;
}

/** True when no line has any text or variable (whitespace only counts as empty). */
export function isEmptySection(lines: SectionLines): boolean {
  return lines.every((line) => line.every((s) => s.type === 'text' && !s.text.trim()));
}
