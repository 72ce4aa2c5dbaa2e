import { checkWorkspace } from '../../compose/checkAll.js';
import { composeAll, composeVariant } from '../../compose/compose.js';
import { previewCaptionTemplate } from '../../compose/template-preview.js';
import type { HandlersFor } from '../handler.js';
import type { composeMethods } from '../methods/compose.js';

/** compose.* and check.run: pure compose stages over the open workspace's data. */
export const composeHandlers: HandlersFor<typeof composeMethods> = {
  'compose.variant': ({ post, group, store }, { ws, services }) => composeVariant(ws.data(), post, group, store, { cache: services.compose }),
  'compose.list': (filter, { ws, services }) => composeAll(ws.data(), filter, { cache: services.compose }),
  'compose.preview': ({ post, group, store }, { ws, services }) => composeVariant(ws.data(), post, group, store, { cache: services.compose }),
  'compose.templatePreview': ({ template, post, group, store }, { ws, services }) => previewCaptionTemplate(ws.data(), post, group, store, template, services.compose),
  'check.run': ({ post }, { ws, services }) => checkWorkspace(ws.data(), { post }, { cache: services.compose }),
};
