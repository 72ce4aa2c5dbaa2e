/** Review: template versions, the approval state machine, roles, pins, the export gate, proofs, the audit log. */
export { assertPostShippable, pinStatuses, pinVersion, postsPinning, shippableVersion, type PinResult, type PinStatus } from './pins.js';
export { applyReview, allowedFrom, pickVersion, REVIEW_RULES, submission, type ReviewAction, type ReviewRequest, type ReviewResult } from './machine.js';
export { addVersion, reviseDraft, latestApproved, latestVersion, ensureHashes } from './versions.js';
export { addUser, requireRole, resolveActor } from './actors.js';
export { appendAudit, listAudit, type AuditFilter } from './audit.js';
export { reviewQueue, proofRelPath, type QueueItem } from './queue.js';
export { unifiedDiff, diffLines, type TextDiff } from './diff.js';
export { selectWorstCases, displayWidth, type WorstCases } from './worst.js';
export { renderProof, proofCases, type ProofRenderers, type ProofResult, type ProofSubject } from './proof.js';
export { ProofService, type ProofStatus } from './proof-service.js';
export { defaultProofRenderers, type ProofRendererParts } from './default-renderers.js';
export { addDemoReviewQueue, demoChange } from './demo.js';
