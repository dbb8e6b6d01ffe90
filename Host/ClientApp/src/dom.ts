// A tiny element builder: text always goes in as text, never as HTML.

type Child = Node | string | number | null | undefined | false;

interface Props {
  class?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  data?: Record<string, string | number | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  text?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value == null) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.data ?? {})) {
    if (value != null) element.dataset[name] = String(value);
  }
  for (const [name, handler] of Object.entries(props.on ?? {})) {
    element.addEventListener(name, handler as EventListener);
  }
  if (props.text !== undefined) element.textContent = props.text;
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, ...children);
}

/** A short message in words inside a container, e.g. when a panel could not load. */
export function errorNote(message: string): HTMLElement {
  return h('p', { class: 'note note-error', attrs: { role: 'alert' } }, message);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
