// The contract between a page and the sandboxed H5P player it embeds (src/components/h5p/H5PActivity.astro and the
// player page /h5p/embed/<id>): messages carried by postMessage, and the DOM events the page's code listens to.

/** Every message of ours carries this, so other messages a page receives are ignored. */
export const h5pChannel = 'ic-h5p';

/** An xAPI statement as H5P builds it (actor, verb, object, result, context); the server must check it. */
export type XapiStatement = Record<string, unknown> & {
  verb?: { id?: string };
  result?: { score?: { raw?: number; max?: number; min?: number; scaled?: number }; success?: boolean; completion?: boolean };
};

/** From the player to the page. */
export type FrameMessage =
  | { channel: typeof h5pChannel; activityId: string; type: 'ready' }
  | { channel: typeof h5pChannel; activityId: string; type: 'xapi'; statement: XapiStatement }
  | { channel: typeof h5pChannel; activityId: string; type: 'state'; state: string }
  | { channel: typeof h5pChannel; activityId: string; type: 'resize'; height: number };

/** From the page to the player, once it said it is ready: the learner's saved state, if any. */
export interface StartMessage {
  channel: typeof h5pChannel;
  type: 'start';
  state: string | null;
}

/** The DOM events dispatched on the <ic-h5p-activity> element (they bubble). */
export const h5pEvents = {
  /** detail: H5pXapiDetail, for each xAPI statement the activity sends (attempted, answered with a score, …). */
  xapi: 'h5p:xapi',
  /** detail: H5pStateDetail, when the learner's answers changed: save `state` and give it back as the `state` prop. */
  state: 'h5p:state',
} as const;

export interface H5pXapiDetail {
  activityId: string;
  statement: XapiStatement;
}

export interface H5pStateDetail {
  activityId: string;
  /** What the content's getCurrentState() returned, as JSON text. */
  state: string;
}

/** Whether a message is one of the player's, for this activity, and well formed. */
export function isFrameMessage(data: unknown, activityId: string): data is FrameMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  if (message.channel !== h5pChannel || message.activityId !== activityId) return false;
  switch (message.type) {
    case 'ready':
      return true;
    case 'xapi':
      return typeof message.statement === 'object' && message.statement !== null && !Array.isArray(message.statement);
    case 'state':
      return typeof message.state === 'string' && message.state.length <= maxStateLength;
    case 'resize':
      return typeof message.height === 'number' && Number.isFinite(message.height);
    default:
      return false;
  }
}

/** A saved state larger than this is not ours to keep (H5P question states are a few hundred bytes). */
export const maxStateLength = 64 * 1024;
