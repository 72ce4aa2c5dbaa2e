import { checkWorkspace } from '../../compose/checkAll.js';
import { composeAll, composeVariant } from '../../compose/compose.js';
import { previewCaptionTemplate } from '../../compose/template-preview.js';
import type { HandlersFor } from '../handler.js';
import type { composeMethods } from '../methods/compose.js';

/** compose.* and check.run: pure compose stages over the open workspace's data. */
export const composeHandlers: HandlersFor<typeof composeMethods> = {
  'compose.variant': ({ post, group, store }, { ws }) => composeVariant(ws.data(), post, group, store),
  'compose.list': (filter, { ws }) => composeAll(ws.data(), filter),
  'compose.preview': ({ post, group, store }, { ws }) => composeVariant(ws.data(), post, group, store),
  'compose.templatePreview': ({ template, post, group, store }, { ws }) => previewCaptionTemplate(ws.data(), post, group, store, template),
  'check.run': ({ post }, { ws }) => checkWorkspace(ws.data(), { post }),
};
