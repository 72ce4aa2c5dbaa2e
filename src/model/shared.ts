/**
 * The small shared package of pure helpers the UI uses besides the contract: the variable nodes of
 * post documents (the editor and the headless reader share one definition) and how characters are
 * counted for channel limits. Browser-safe: no node: imports.
 */
export { VariableNode, $createVariableNode, $isVariableNode, VARIABLES, VARIABLE_NAMES, isVariableName, variableExpression, type SerializedVariableNode, type VariableInfo, type VariableName } from './nodes/index.js';
export { charCount, graphemes } from './text.js';
export { validityAt, fullDate, startInstant, expiryInstant, type Validity } from './validity.js';
export { addressReach, type Reach } from './reach.js';
export { PosterDesign, DesignColors, DESIGN_PARTS, QR_PLACES, PRODUCT_PLACES, designInfo, splitPosterSource, joinPosterSource, type DesignPart, type DesignInfo } from './poster-design.js';
export { CaptionForm, CAPTION_BLOCKS, SECTION_CHIPS, defaultCaptionForm, blockToHandlebars, captionSourceFromForm, captionFormOf, CaptionFormError, type CaptionBlock, type CaptionBlocks } from './caption-form.js';
export { lexicalFromText } from './lexical-text.js';
export { videoSizeFor } from './video-size.js';
export { codedNote, noteText, noticeText, progressText, worstCaseText, messageText, isMessageCode, MESSAGES, type CodedText, type MessageCode, type MessageParams, type CodedNote } from './messages/index.js';
