// The script of the sandboxed player page (/h5p/embed/<id>): starts h5p-standalone once the embedding page sent the
// learner's saved state, then forwards every xAPI statement, each change of state and the content's height to it.
// The server sends this function's source as /h5p/player/embed-frame.js, so it must not use anything outside itself.
import type { FrameMessage, StartMessage } from './messages.ts';

export interface EmbedFrameConfig {
  channel: string;
  activityId: string;
  h5pJsonPath: string;
  contentJsonPath: string;
  librariesPath: string;
  frameJs: string;
  frameCss: string;
  xAPIObjectIRI: string;
}

interface H5PRuntime {
  externalDispatcher: { on: (type: string, listener: (event: { data: { statement: Record<string, unknown> } }) => void) => void };
  instances: { getCurrentState?: () => unknown }[];
}

export function runEmbedFrame(): void {
  const holder = document.getElementById('h5p-player');
  if (!holder?.dataset.config) return;
  const config = JSON.parse(holder.dataset.config) as EmbedFrameConfig;
  // The sandbox has no storage: reading window.localStorage throws, and H5P's start-up reads it (its offline queue).
  // A storage that lives as long as the page keeps H5P running; the learner's state is kept by the embedding page.
  const memory = new Map<string, string>();
  const storage = {
    get length() {
      return memory.size;
    },
    key: (index: number) => [...memory.keys()][index] ?? null,
    getItem: (key: string) => memory.get(key) ?? null,
    setItem: (key: string, value: string) => void memory.set(key, String(value)),
    removeItem: (key: string) => void memory.delete(key),
    clear: () => memory.clear(),
  };
  try {
    void window.localStorage;
  } catch {
    Object.defineProperty(window, 'localStorage', { value: storage, configurable: true });
  }
  // The page's URL origin is the site's (the sandbox gives this document an opaque origin, not a different URL):
  // the only window the player talks to.
  const siteOrigin = location.origin;
  const post = (message: Record<string, unknown>) =>
    window.parent.postMessage({ channel: config.channel, activityId: config.activityId, ...message } as FrameMessage, siteOrigin);

  let lastState: string | null = null;
  const runtime = () => (window as unknown as { H5P?: H5PRuntime }).H5P;
  const sendState = () => {
    const instance = runtime()?.instances[0];
    if (typeof instance?.getCurrentState !== 'function') return;
    const state = JSON.stringify(instance.getCurrentState());
    if (state === undefined || state === lastState) return;
    lastState = state;
    post({ type: 'state', state });
  };

  const start = async (state: string | null) => {
    lastState = state;
    const standalone = (window as unknown as { H5PStandalone: { H5P: new (el: HTMLElement, options: object) => Promise<unknown> } }).H5PStandalone;
    await new standalone.H5P(holder, {
      id: 'activity',
      h5pJsonPath: config.h5pJsonPath,
      contentJsonPath: config.contentJsonPath,
      librariesPath: config.librariesPath,
      frameJs: config.frameJs,
      frameCss: config.frameCss,
      xAPIObjectIRI: config.xAPIObjectIRI,
      embedType: 'div',
      frame: false,
      icon: false,
      fullScreen: false,
      // H5P gives a saved state to the content only when saving is on; it saves into the page, which sends it up.
      saveFreq: 30,
      contentUserData: state ? [{ state }] : undefined,
      assetsRequestFetchOptions: { credentials: 'omit' },
    });
    const h5p = runtime();
    if (!h5p) return;
    h5p.externalDispatcher.on('xAPI', (event) => {
      post({ type: 'xapi', statement: event.data.statement });
      sendState();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(sendState, 400);
    };
    // Typing, ticking and the buttons (Try again clears the answers) all change what there is to save.
    for (const type of ['input', 'change', 'click']) document.addEventListener(type, soon);
  };

  let started = false;
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as Partial<StartMessage> | null;
    if (started || event.source !== window.parent || event.origin !== siteOrigin) return;
    if (!data || data.channel !== config.channel || data.type !== 'start') return;
    started = true;
    void start(typeof data.state === 'string' ? data.state : null);
  });

  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: 'resize', height });
  }).observe(document.body);

  post({ type: 'ready' });
}
