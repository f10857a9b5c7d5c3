/** Below this zoom node texts are unreadable anyway: nodes show as boxes, edges as straight unlabeled lines. */
export const LOW_DETAIL_ZOOM = 0.4;
/** Until a loaded flow is fitted the zoom is 1; a flow this big will be fitted below LOW_DETAIL_ZOOM. */
export const BIG_FLOW = 300;
/** A loaded flow is fitted no smaller than this, so its labels are readable at once; the rest is a pan away.
 *  Kept above LOW_DETAIL_ZOOM on purpose (a 1400×900 window fitted the offboarding flow at 0.38: blank boxes). */
export const MIN_FIT_ZOOM = 0.55;

/** Fit options: big flows keep the whole-flow overview (the sketch); others fit but stay readable. */
export function fitOptionsFor(nodeCount: number): { maxZoom: number; minZoom?: number } {
  return nodeCount > BIG_FLOW ? { maxZoom: 1 } : { maxZoom: 1, minZoom: MIN_FIT_ZOOM };
}
