import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it. Checked before the adapter sees the request,
 * so a malformed one gets a clear 400 instead of failing deep inside a turn.
 */
export const InboundActivity = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
  conversation: z.looseObject({ id: z.string().min(1) }),
});
