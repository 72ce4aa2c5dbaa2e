import {
  $applyNodeReplacement,
  $getDocument,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
} from 'lexical';
import { isVariableName, VARIABLES, variableExpression, type VariableName } from './variables.js';

/** The serialized shape (shared contract with the editor and the demo content). */
export interface SerializedVariableNode extends SerializedLexicalNode {
  type: 'variable';
  version: 1;
  name: VariableName;
}

/** The DOM element type Lexical's createDOM returns (typed without needing the DOM lib in Node builds). */
type DomElement = ReturnType<DecoratorNode<null>['createDOM']>;

/** The little of the DOM this node uses; keeps the file compiling under both the Node and web tsconfigs. */
interface MiniElement {
  className: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
}

function $span(): MiniElement {
  return ($getDocument() as unknown as { createElement(tag: string): MiniElement }).createElement('span');
}

/**
 * An inline, atomic placeholder for a store-owner or post value (店主昵称, 下单链接...).
 * A DecoratorNode so the caret steps over it as one unit; `decorate()` returns null, so the chip
 * is the plain span made by createDOM and no React is needed — the editor may swap in a React
 * view with a node replacement. Compose turns it into `{{vars.<name>}}` (`{{link}}` for link).
 */
export class VariableNode extends DecoratorNode<null> {
  __name: VariableName;

  static getType(): string {
    return 'variable';
  }

  static clone(node: VariableNode): VariableNode {
    return new VariableNode(node.__name, node.__key);
  }

  static importJSON(serialized: Record<string, unknown>): VariableNode {
    return $createVariableNode(checkName(serialized.name));
  }

  static importDOM(): DOMConversionMap | null {
    return {
      span: (el) => {
        const name = (el as { getAttribute(n: string): string | null }).getAttribute('data-sq-variable');
        if (!isVariableName(name)) return null;
        return { priority: 2, conversion: () => ({ node: $createVariableNode(name) }) };
      },
    };
  }

  constructor(name: VariableName, key?: NodeKey) {
    super(key);
    this.__name = checkName(name);
  }

  /** The variable's name (one of VARIABLE_NAMES). */
  getName(): VariableName {
    return this.getLatest().__name;
  }

  exportJSON(): SerializedVariableNode {
    return { type: 'variable', version: 1, name: this.getName() };
  }

  createDOM(config: EditorConfig): DomElement {
    const span = $span();
    const info = VARIABLES[this.__name];
    span.className = (config.theme as Record<string, string | undefined>).variable ?? 'sq-variable';
    span.setAttribute('data-sq-variable', this.__name);
    span.setAttribute('title', `${info.zh} · ${info.en}`);
    span.textContent = `{${info.zh}}`;
    return span as unknown as DomElement;
  }

  updateDOM(prev: VariableNode): boolean {
    return prev.__name !== this.__name;
  }

  exportDOM(): DOMExportOutput {
    const span = $span();
    span.setAttribute('data-sq-variable', this.__name);
    span.textContent = variableExpression(this.__name);
    return { element: span as unknown as DomElement };
  }

  /** The template expression, so plain-text copies of a section keep the variable. */
  getTextContent(): string {
    return variableExpression(this.__name);
  }

  isInline(): true {
    return true;
  }

  isKeyboardSelectable(): boolean {
    return true;
  }

  decorate(): null {
    return null;
  }
}

function checkName(name: unknown): VariableName {
  if (!isVariableName(name)) throw new Error(`variable node: unknown variable "${String(name)}"`);
  return name;
}

/** Creates a variable node for `name` (throws on an unknown name). */
export function $createVariableNode(name: VariableName): VariableNode {
  return $applyNodeReplacement(new VariableNode(name));
}

/** True when `node` is a VariableNode. */
export function $isVariableNode(node: LexicalNode | null | undefined): node is VariableNode {
  return node instanceof VariableNode;
}
