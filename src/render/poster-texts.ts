import type { VariantContext } from '../compose/types.js';
import type { PosterSize } from '../model/index.js';
import { fitSlots, fittedTexts, textValues, type FittedText } from './layout/poster-context.js';
import { loadPosterTemplate, type PosterTemplateInput, type TemplateMemo } from './template/poster-template.js';
import type { PosterFonts } from './text/fonts.js';

/**
 * The lines every text box of a poster is drawn with — the same fitting the renderer does, without
 * drawing anything: what proofs and line-break tests read for many variants at once.
 */
export function posterTexts(template: PosterTemplateInput, size: PosterSize, ctx: VariantContext, fonts: PosterFonts, memo?: TemplateMemo): FittedText[] {
  const t = loadPosterTemplate(template, memo);
  const values = textValues(ctx);
  const base = fitSlots(t.baseSlots.text, t.manifest, size, values, fonts.metricsFor);
  const store = fitSlots(t.storeSlots.text, t.manifest, size, values, fonts.metricsFor);
  return [...fittedTexts(base.fit, 'base'), ...fittedTexts(store.fit, 'store')];
}
