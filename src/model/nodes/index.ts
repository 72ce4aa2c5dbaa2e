/** Lexical nodes shared by the editor (renderer) and the headless converter. Browser-safe. */
export { VariableNode, $createVariableNode, $isVariableNode, type SerializedVariableNode } from './VariableNode.js';
export { VARIABLES, VARIABLE_NAMES, isVariableName, variableExpression, type VariableInfo, type VariableName } from './variables.js';

import { VariableNode } from './VariableNode.js';

/** The node classes to register on every editor that reads posts (besides Lexical's built-ins). */
export const STUDIO_NODES = [VariableNode] as const;
