import { z } from 'zod';
import { defineMethods } from '../define.js';

/** One store's portal address. */
export const PortalLinkSchema = z.object({ store: z.string(), storeName: z.string(), url: z.string() });

const HostPort = z
  .object({
    host: z.string().min(1).max(255).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address').optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** Which links: the published pages (the default when a publish target is set) or this studio's portal on host:port. */
    via: z.enum(['portal', 'published']).optional(),
  })
  .strict();

/** The staff portal: per-store links (/p/<token>), token rotation and revocation, the QR sheet. */
export const portalMethods = defineMethods({
  'portal.links': {
    description: "Each store's address: its published page when a publish target is set, else the studio's portal (issues a token to stores that never had one).",
    input: HostPort,
    output: z.array(PortalLinkSchema),
  },
  'portal.rotate': {
    description: "Give a store a new portal token; the old link stops working at once.",
    input: z.object({ store: z.string().min(1), host: HostPort.shape.host, port: HostPort.shape.port, via: HostPort.shape.via }).strict(),
    output: PortalLinkSchema,
    mutates: true,
  },
  'portal.revoke': {
    description: "Withdraw a store's portal link (until it is rotated).",
    input: z.object({ store: z.string().min(1) }).strict(),
    output: z.object({ store: z.string(), revoked: z.number().int() }),
    mutates: true,
  },
  'portal.sheet': {
    description: "A printable page (HTML) with every store's portal QR code.",
    input: HostPort,
    output: z.object({ html: z.string(), stores: z.number().int() }),
  },
});
