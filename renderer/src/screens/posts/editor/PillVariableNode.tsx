import type { EditorConfig, LexicalNode, NodeKey } from 'lexical';
import type { ReactNode } from 'react';
import { VARIABLES, VariableNode, type SerializedVariableNode, type VariableName } from '@shared';
import { useI18n } from '../../../i18n';

const PILL_TYPE = 'variable-pill';

/** How a variable chip reads in the editor: its label in the UI language. */
function VariablePill({ name }: { name: VariableName }) {
  const { lang } = useI18n();
  const info = VARIABLES[name];
  return <>{lang === 'zh' ? info.zh : info.en}</>;
}

/**
 * The editor's view of the core VariableNode: the same node and serialized shape
 * (`{type: 'variable', name}`), drawn as a pill by React so the label follows the UI language.
 */
export class PillVariableNode extends VariableNode {
  static getType(): string {
    return PILL_TYPE;
  }

  static clone(node: PillVariableNode): PillVariableNode {
    return new PillVariableNode(node.__name, node.__key);
  }

  constructor(name: VariableName, key?: NodeKey) {
    super(name, key);
  }

  static importJSON(serialized: Record<string, unknown>): VariableNode {
    return VariableNode.importJSON(serialized);
  }

  // Lexical requires exportJSON's type to be the class's own; sharedDoc() maps it back to 'variable'.
  exportJSON(): SerializedVariableNode {
    return { ...super.exportJSON(), type: PILL_TYPE as 'variable' };
  }

  createDOM(config: EditorConfig): HTMLElement {
    const span = document.createElement('span');
    const info = VARIABLES[this.__name];
    span.className = (config.theme as Record<string, string | undefined>).variable ?? 'sq-variable';
    span.setAttribute('data-sq-variable', this.__name);
    span.setAttribute('title', `${info.zh} · ${info.en}`);
    span.setAttribute('contenteditable', 'false');
    return span;
  }

  // The core node is DecoratorNode<null> (no React in src/); the React decorator is returned here.
  decorate(): null {
    return (<VariablePill name={this.__name} />) as ReactNode as null;
  }
}

/** The node list of a post editor: the core node, replaced by its pill view. */
export const EDITOR_NODES = [
  VariableNode,
  PillVariableNode,
  { replace: VariableNode, with: (node: LexicalNode) => new PillVariableNode((node as VariableNode).__name), withKlass: PillVariableNode },
];

/** The editor's JSON with pill nodes turned back into the shared `{type: 'variable'}` shape (what posts store). */
export function sharedDoc<T>(json: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    if (out.type === PILL_TYPE) out.type = 'variable';
    return out;
  };
  return walk(json) as T;
}
