/**
 * DOM building without ever parsing HTML: strings only become text nodes or attribute values, so
 * nothing an app or a person writes can turn into markup or script.
 */

/** Set as properties (they are state, not markup). */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'multiple', 'indeterminate']);

export function append(parent, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** `h('button', { class: 'btn', onclick: f, 'aria-label': 'x' }, 'Text', childNode)` */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return append(el, children);
}

/** Links and images only ever point at the web or mail, never `javascript:` or `data:` pages. */
export function safeUrl(raw, protocols = ['http:', 'https:', 'mailto:']) {
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function safeImageUrl(raw) {
  return safeUrl(raw, ['http:', 'https:']);
}

/** Something the page cannot show: visible, never dropped silently. */
export function placeholder(what, detail) {
  return h('span', { class: 'unsupported', title: detail ?? what }, `⟨${what}⟩`);
}

/** Initials on a colour derived from the id: a recognisable avatar without any image. */
export function avatar(id, name, color) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const initials = (name || id)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => Array.from(part)[0].toUpperCase())
    .join('');
  const el = h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials);
  el.style.backgroundColor = color ?? `hsl(${hash % 360} 45% 42%)`;
  return el;
}

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value) => (Array.isArray(value) ? value : []);
export const textOf = (value) =>
  typeof value === 'string' ? value : isObject(value) ? String(value.text ?? '') : '';
