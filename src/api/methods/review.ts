import { z } from 'zod';
import { AuditEntry, Id, ReviewState, Role, User } from '../../model/index.js';
import { defineMethods } from '../define.js';

const Kind = z.enum(['caption', 'poster', 'video']);
/** The acting user for shells without a signed-in user (the CLI's --as). */
const As = z.string().min(1).optional();
const Version = z.number().int().positive();

/** A personal key as it is shown once (users.key, init --json). */
export const IssuedKey = z.object({ id: z.string(), role: Role, key: z.string() });

/** A review act on one template version (version omitted: the newest one the act applies to). */
const ReviewAct = z.object({ template: Id, version: Version.optional(), as: As, comment: z.string().max(4000).optional() }).strict();

/** What a review act did. */
export const ReviewOutcome = z.object({
  template: z.string(),
  version: z.number().int(),
  from: ReviewState,
  state: ReviewState,
  hash: z.string(),
});

/** One version waiting for review. */
export const QueueEntry = z.object({
  template: z.string(),
  name: z.string(),
  kind: Kind,
  version: z.number().int(),
  hash: z.string(),
  submitter: z.string(),
  submittedAt: z.string(),
  previousApproved: z.number().int().nullable(),
  proof: z.string(),
  proofReady: z.boolean(),
});

/** A unified-diff hunk. */
const Hunk = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  lines: z.array(z.object({ op: z.enum([' ', '-', '+']), text: z.string() })),
});

/** A proof sheet and the difference from the previous approved version. */
export const ProofInfo = z.object({
  template: z.string(),
  kind: Kind,
  version: z.number().int(),
  state: ReviewState,
  hash: z.string(),
  /** Paths relative to the workspace folder. */
  sheet: z.string(),
  compare: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  cells: z.array(z.string()),
  worstCases: z.array(z.string()),
  previousApproved: z.number().int().nullable(),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  diff: z.object({ unified: z.string(), added: z.number().int(), removed: z.number().int(), hunks: z.array(Hunk) }),
  renderedAt: z.string(),
});

/** Review: template versions, approvals, proofs, pins, users and the audit log. */
export const reviewMethods = defineMethods({
  'review.list': { description: 'The review queue: versions in review with submitter and proof path.', input: z.object({}).strict(), output: z.array(QueueEntry) },
  'review.submit': {
    description: 'Submit a draft (or changes-requested) version for review and render its proof sheet.',
    input: ReviewAct,
    output: ReviewOutcome.extend({ proof: z.string().nullable(), proofError: z.string().optional() }),
    roles: ['editor', 'manager'],
    mutates: true,
  },
  'review.approve': { description: 'Approve a version in review (a manager other than the submitter).', input: ReviewAct, output: ReviewOutcome, roles: ['manager'], mutates: true },
  'review.reject': { description: 'Request changes on a version in review (manager; the comment is kept).', input: ReviewAct, output: ReviewOutcome, roles: ['manager'], mutates: true },
  'review.retire': {
    description: 'Retire a version (manager); posts still pinning it will not export.',
    input: ReviewAct.extend({ version: Version }).strict(),
    output: ReviewOutcome.extend({ pinnedBy: z.array(z.string()) }),
    roles: ['manager'],
    mutates: true,
  },
  'review.proof': {
    description: 'The proof sheet of a version and its diff from the previous approved version (rendered when missing or stale).',
    input: z.object({ template: Id, version: Version, refresh: z.boolean().optional() }).strict(),
    output: ProofInfo,
  },
  'templates.addVersion': {
    description: 'Add a new draft version N+1 of a template (how an approved version is "edited").',
    input: z.object({ template: Id, source: z.string().min(1), as: As }).strict(),
    output: z.object({ template: z.string(), version: z.number().int(), hash: z.string(), state: ReviewState }),
    roles: ['editor', 'manager'],
    mutates: true,
  },
  'templates.editVersion': {
    description: 'Replace the source of a draft or changes-requested version in place.',
    input: z.object({ template: Id, version: Version, source: z.string().min(1), as: As }).strict(),
    output: z.object({ template: z.string(), version: z.number().int(), hash: z.string(), state: ReviewState }),
    roles: ['editor', 'manager'],
    mutates: true,
  },
  'posts.useVersion': {
    description: 'Pin a post to a template version (the explicit move to a newer version).',
    input: z.object({ post: Id, template: Id, version: Version, as: As }).strict(),
    output: z.object({
      post: z.string(),
      kind: Kind,
      from: z.object({ template: z.string(), version: z.number().int() }).optional(),
      to: z.object({ template: z.string(), version: z.number().int() }),
      state: ReviewState,
    }),
    roles: ['editor', 'manager'],
    mutates: true,
  },
  'audit.list': {
    description: 'The audit log, oldest first, optionally filtered.',
    input: z
      .object({ target: z.string().optional(), by: z.string().optional(), action: z.string().optional(), version: z.number().int().optional(), limit: z.number().int().positive().optional() })
      .strict(),
    output: z.array(AuditEntry),
  },
  'users.add': {
    description: 'Add a user with a role (editor, manager, store) and issue their personal key, shown this once (adding a manager needs a manager).',
    input: z.object({ user: User, as: As }).strict(),
    output: User.extend({ key: z.string() }),
    mutates: true,
  },
  'users.save': {
    description: "Change a user's name (a role change, or any change to a manager, needs a manager).",
    input: z.object({ user: User, as: As }).strict(),
    output: User,
    mutates: true,
  },
  'users.key': {
    description: 'Issue a new personal key for a user, shown this once; the old key stops working (a manager for anyone, a user for themself).',
    input: z.object({ id: Id, as: As }).strict(),
    output: IssuedKey,
    mutates: true,
  },
  'users.whoami': {
    description: 'Checks a user id and key (the studio identity switch): the user when the key is theirs, else forbidden.',
    input: z.object({ as: Id }).strict(),
    output: User,
  },
});
