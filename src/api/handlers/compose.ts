import { checkWorkspace } from '../../compose/checkAll.js';
import { composeAll, composeVariant } from '../../compose/compose.js';
import { previewCaptionTemplate } from '../../compose/template-preview.js';
import { checkCadence, chinaDay } from '../../plan/index.js';
import type { HandlersFor } from '../handler.js';
import type { composeMethods } from '../methods/compose.js';

/** compose.* and check.run: pure compose stages over the open workspace's data. */
export const composeHandlers: HandlersFor<typeof composeMethods> = {
  'compose.variant': ({ post, group, store }, { ws, services }) => composeVariant(ws.data(), post, group, store, { cache: services.compose }),
  'compose.list': (filter, { ws, services }) => composeAll(ws.data(), filter, { cache: services.compose }),
  'compose.preview': ({ post, group, store }, { ws, services }) => composeVariant(ws.data(), post, group, store, { cache: services.compose }),
  'compose.templatePreview': ({ template, post, group, store }, { ws, services }) => previewCaptionTemplate(ws.data(), post, group, store, template, services.compose),
  // The content checks and the plan's cadence checks, composed here: compose/ never sees plan/.
  'check.run': ({ post }, { ws, services }) => {
    const report = checkWorkspace(ws.data(), { post }, { cache: services.compose });
    const cadence = checkCadence(ws.data(), { today: chinaDay(services.clock()), post, cache: services.compose }).map(({ slots: _slots, ...f }) => ({ ...f, variants: 1 }));
    const findings = [...report.findings, ...cadence].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return { ...report, findings, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length };
  },
};
