// <ic-h5p-activity>: the page's side of an embedded H5P activity. It makes the sandboxed iframe, answers the
// player's "ready" with the learner's saved state, and turns the player's messages into DOM events on itself
// (h5p:xapi, h5p:state; src/lib/h5p/messages.ts), accepting only messages from its own iframe.
import { h5pChannel, h5pEvents, isFrameMessage, type H5pStateDetail, type H5pXapiDetail, type StartMessage } from '../../lib/h5p/messages.ts';

const minHeight = 120;
const maxHeight = 6000;

class H5pActivityElement extends HTMLElement {
  private frame: HTMLIFrameElement | undefined;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  connectedCallback(): void {
    if (this.frame) return;
    const frame = document.createElement('iframe');
    // Scripts run, but in an opaque origin: no cookies, no storage, no reaching this page or the signed-in user.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = this.dataset.src ?? '';
    frame.title = this.dataset.title ?? '';
    frame.className = 'h5p-activity__frame';
    frame.setAttribute('loading', 'lazy');
    window.addEventListener('message', this.onMessage);
    this.frame = frame;
    this.append(frame);
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    this.frame?.remove();
    this.frame = undefined;
  }

  private receive(event: MessageEvent): void {
    const activityId = this.dataset.activityId ?? '';
    // A sandboxed frame's messages come from origin "null"; what makes them ours is that they come from our iframe.
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== 'null') return;
    const message: unknown = event.data;
    if (!isFrameMessage(message, activityId)) return;
    switch (message.type) {
      case 'ready': {
        const start: StartMessage = { channel: h5pChannel, type: 'start', state: this.dataset.state ?? null };
        // An opaque origin cannot be named as a target; the message goes to our own iframe's window only.
        this.frame.contentWindow?.postMessage(start, '*');
        this.classList.add('h5p-activity--ready');
        break;
      }
      case 'resize':
        this.frame.style.height = `${Math.min(maxHeight, Math.max(minHeight, Math.ceil(message.height)))}px`;
        break;
      case 'xapi':
        this.dispatchEvent(new CustomEvent<H5pXapiDetail>(h5pEvents.xapi, { bubbles: true, detail: { activityId, statement: message.statement } }));
        break;
      case 'state':
        this.dataset.state = message.state;
        this.dispatchEvent(new CustomEvent<H5pStateDetail>(h5pEvents.state, { bubbles: true, detail: { activityId, state: message.state } }));
        break;
    }
  }
}

if (!customElements.get('ic-h5p-activity')) customElements.define('ic-h5p-activity', H5pActivityElement);
