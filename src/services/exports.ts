// Export offers: the bot offers a file as a link to the download page; the page spends the offer. An offer
// is a token of 32 random bytes (256 bits, base64url) kept in memory for 15 minutes. A restart forgets every
// offer: the person asks for the report again and gets a new link. The file itself is made at download
// time, as the person, so permissions are checked again then and the export is audited then.
import type { Clock } from './clock.js';
import type { FileRequest } from './export-files.js';

export const OFFER_TTL_MS = 15 * 60_000;
export const TOKEN_BYTES = 32;
/** The shape of a token: 32 bytes in base64url are 43 characters. Anything else is never looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A broadcast's per-recipient report, or a file chosen on the `export` card. */
export type ExportRequest = ({ kind: 'broadcastReport'; broadcastId: string } | FileRequest) & {
  /** The file name the browser saves it as. */
  filename: string;
  /** What the file holds, in words, for the download page. */
  describe: string;
};
export type ExportOffer = ExportRequest & { aadObjectId: string; expiresAt: number };
/** What the download page shows, without using the offer up. */
export type OfferPreview = Pick<ExportRequest, 'filename' | 'describe'>;

export type ExportsService = {
  offer(actor: { aadObjectId: string }, request: ExportRequest): string;
  /** For the page (GET): what would be downloaded. Link previewers open it, so this never spends it. */
  peek(token: string): OfferPreview | undefined;
  /** For the download (POST): the offer, once; afterwards, after 15 minutes, or for a made-up token, undefined. */
  take(token: string): ExportOffer | undefined;
};

export function createExports({
  clock,
  randomBytes,
}: {
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}): ExportsService {
  const offers = new Map<string, ExportOffer>();
  const live = (token: string): ExportOffer | undefined => {
    const offer = offers.get(token);
    if (offer && offer.expiresAt <= clock().getTime()) {
      offers.delete(token);
      return undefined;
    }
    return offer;
  };
  const prune = () => {
    const now = clock().getTime();
    for (const [token, offer] of offers) if (offer.expiresAt <= now) offers.delete(token);
  };
  return {
    offer(actor, request) {
      prune();
      const token = Buffer.from(randomBytes(TOKEN_BYTES)).toString('base64url');
      offers.set(token, {
        ...structuredClone(request),
        aadObjectId: actor.aadObjectId,
        expiresAt: clock().getTime() + OFFER_TTL_MS,
      });
      return token;
    },
    peek(token) {
      const offer = live(token);
      return offer ? { filename: offer.filename, describe: offer.describe } : undefined;
    },
    take(token) {
      const offer = live(token);
      offers.delete(token);
      return offer;
    },
  };
}

export type Download = { filename: string; csv: string };

/** Makes an offer's file as the person who asked (roles read again now); undefined when they may not have it. */
export type MakeFile = (offer: ExportOffer) => Promise<string | undefined>;

/**
 * Spends an offer and makes its file. Spending comes first, so a link works once even when the file cannot
 * be made (the person has lost the right since): they get nothing, and ask again. undefined for an unknown,
 * spent or expired token, or a refusal.
 */
export function createDownloads(deps: { exports: ExportsService; makeFile: MakeFile }) {
  return {
    peek: (token: string) => deps.exports.peek(token),
    async download(token: string): Promise<Download | undefined> {
      const offer = deps.exports.take(token);
      if (!offer) return undefined;
      const csv = await deps.makeFile(offer);
      return csv === undefined ? undefined : { filename: offer.filename, csv };
    },
  };
}
