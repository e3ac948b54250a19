import { boundedText, isHiddenCheaply, parentOf } from './dom-text';
import { LIMITS } from './collect-limits';
import { clip } from './clip';
import type { FieldSignal, IdentitySignals, LogoPlace, LogoSignal } from './types';

/**
 * In-page collection of what a page claims to be, around one credential field. Cheap and
 * bounded whatever the page: call it only once a credential field exists (the guard's hook).
 * Reads attributes and text, never a field's value.
 */
export { LIMITS };

const CRED_SELECTOR =
  'input[type=password], input[autocomplete="one-time-code"], input[inputmode=numeric], input[type=tel], input[type=number]';

/**
 * Sectioning elements the region never grows past: a login box in a sidebar (<aside>), a modal,
 * an <article> or the page's nav/footer is its own world; the article next to it is not "next
 * to the form".
 */
const BOUNDARY = 'aside, dialog, [role=dialog], [aria-modal=true], article, nav, footer';

/** The element around the field whose text is "next to the form". */
export function formRegion(field: Element): Element {
  let region: Element = field;
  for (let depth = 0; depth < LIMITS.regionDepth; depth++) {
    if (region !== field && region.matches(BOUNDARY)) break;
    const p = parentOf(region);
    if (!p || p.tagName === 'HTML' || p.tagName === 'BODY') {
      if (p && p.tagName === 'BODY' && regionText(p, field, LIMITS.regionChars + 1, true).length <= LIMITS.regionChars) region = p;
      break;
    }
    if (regionText(p, field, LIMITS.regionChars + 1, true).length > LIMITS.regionChars) break;
    region = p;
  }
  const form = (field as HTMLInputElement).form ?? field.closest?.('form') ?? null;
  if (form && !region.contains(form) && form.contains(region)) region = form;
  return region;
}

/** Articles that do not hold the field, and the page's <h1> (scored on its own), are not "next to the form". */
function outsideForm(field: Element): (el: Element) => boolean {
  return (el) => el.tagName === 'H1' || (el.tagName === 'ARTICLE' && !el.contains(field));
}

function regionText(el: Element, field: Element, max: number, forClimbing = false): string {
  return boundedText(el, { maxChars: max, skipLinks: true, shortOnly: true, skip: outsideForm(field), fullOnNodeCap: forClimbing });
}

function attr(el: Element, name: string): string {
  return el.getAttribute(name) ?? '';
}

function textById(doc: Document, ids: string): string {
  let out = '';
  for (const id of ids.split(/\s+/).slice(0, 3)) {
    const el = id ? doc.getElementById(id) : null;
    if (el) out += ' ' + boundedText(el, { maxChars: LIMITS.fieldText });
  }
  return out.trim();
}

function labelOf(doc: Document, el: HTMLInputElement | HTMLTextAreaElement): string {
  const labels = (el as { labels?: NodeListOf<HTMLLabelElement> | null }).labels;
  if (labels && labels.length) return boundedText(labels[0], { maxChars: LIMITS.fieldText });
  const id = attr(el, 'id');
  // Browsers fill `labels` themselves; only DOMs without it (tests) need the <label for> search,
  // which would scan the whole document.
  if (id && labels === undefined) {
    for (const l of Array.from(doc.querySelectorAll('label[for]')).slice(0, 50)) {
      if (l.getAttribute('for') === id) return boundedText(l, { maxChars: LIMITS.fieldText });
    }
  }
  const aria = attr(el, 'aria-label') || (attr(el, 'aria-labelledby') ? textById(doc, attr(el, 'aria-labelledby')) : '');
  if (aria) return aria;
  // Phishing kits rarely use <label>: take the text just before the field (or its cell).
  const prev = el.previousElementSibling ?? (el.parentElement ? el.parentElement.previousElementSibling : null);
  return prev ? boundedText(prev, { maxChars: LIMITS.fieldText }) : '';
}

function isMasked(doc: Document, el: Element): boolean {
  try {
    const cs = doc.defaultView?.getComputedStyle?.(el) as (CSSStyleDeclaration & { webkitTextSecurity?: string }) | undefined;
    const v = cs?.webkitTextSecurity ?? cs?.getPropertyValue?.('-webkit-text-security') ?? '';
    return !!v && v !== 'none';
  } catch {
    return false;
  }
}

const NOT_TYPING = new Set(['hidden', 'submit', 'button', 'checkbox', 'radio', 'file', 'image', 'reset', 'range', 'color']);

function describeFields(doc: Document, scope: Element | Document): FieldSignal[] {
  const out: FieldSignal[] = [];
  // Inputs, then masked textareas: a password box can be a <textarea> hidden by
  // -webkit-text-security (the guard holds it as a credential field; identity must count it as
  // the password it asks). An unmasked textarea is a message box, whatever its words say (a Q&A
  // reply box about "ワンタイムパスワード" asks for no code): not described.
  // Two queries: one for 'input, textarea' sorts into document order, ~10× slower on big pages.
  const els = [...Array.from(scope.querySelectorAll('input')).slice(0, LIMITS.fields * 2), ...Array.from(scope.querySelectorAll('textarea')).slice(0, LIMITS.fields)];
  for (const el of els) {
    const area = el.localName === 'textarea';
    if (area && !isMasked(doc, el)) continue;
    const type = area ? '' : attr(el, 'type').toLowerCase();
    if (NOT_TYPING.has(type)) continue;
    out.push({
      type: clip(type || 'text', 20),
      name: clip(attr(el, 'name'), LIMITS.fieldText),
      id: clip(attr(el, 'id'), LIMITS.fieldText),
      autocomplete: clip(attr(el, 'autocomplete'), 40),
      placeholder: clip(attr(el, 'placeholder'), LIMITS.fieldText),
      label: clip(labelOf(doc, el), LIMITS.fieldText),
      maxLength: Number(attr(el, 'maxlength')) || -1,
      inputMode: clip(attr(el, 'inputmode'), 20),
      masked: type !== 'password' && isMasked(doc, el),
    });
    if (out.length >= LIMITS.fields) break;
  }
  return out;
}

function hostOf(href: string, base: string): string {
  try {
    return new URL(href, base).host;
  } catch {
    return '';
  }
}

const HEADER_SELECTOR = 'header, [role=banner], nav, #header, .header';

function logoPlace(el: Element, region: Element): LogoPlace | null {
  const article = el.closest('article');
  if (region.contains(el) && !(article && !article.contains(region))) return 'form';
  if (article) return null;
  if (el.closest(HEADER_SELECTOR)) return 'header';
  let e: Element | null = el;
  for (let i = 0; e && i < 3; i++, e = e.parentElement) {
    const marks = `${attr(e, 'class')} ${attr(e, 'id')} ${i === 0 ? attr(e, 'alt') + ' ' + attr(e, 'src') : ''}`;
    if (/logo/i.test(marks)) return 'logo';
  }
  return null;
}

/**
 * Where a page's own logo can be: its header/banner containers and the form's region. Found
 * without whole-document selector scans (a heavy page has 100,000 nodes): live collections and
 * ids only, each read a few items deep.
 */
function logoScopes(doc: Document, region: Element): Element[] {
  const scopes: Element[] = [region];
  const add = (el: Element | null | undefined) => {
    if (el && scopes.length < 6 && !scopes.some((s) => s.contains(el))) scopes.push(el);
  };
  const headers = doc.getElementsByTagName('header');
  for (let i = 0; i < headers.length && i < 3; i++) add(headers[i]);
  add(doc.getElementById('header'));
  add(doc.getElementsByClassName('header')[0]);
  add(doc.getElementById('logo'));
  return scopes;
}

function collectLogos(doc: Document, region: Element, base: string, pageHost: string): LogoSignal[] {
  const out: LogoSignal[] = [];
  const seen = new Set<Element>();
  const consider = (el: Element, text: string, src: string) => {
    if (out.length >= LIMITS.logos || seen.has(el) || isHiddenCheaply(el)) return;
    seen.add(el);
    const place = logoPlace(el, region);
    if (!place || (!text && !src)) return;
    const a = el.closest('a[href]');
    const linkHost = a ? hostOf(attr(a, 'href'), base) : '';
    let path = '';
    if (src) {
      try {
        path = new URL(src, base || undefined).pathname;
      } catch {
        path = src;
      }
    }
    out.push({
      text: clip(text.trim(), LIMITS.logoText),
      src: clip(path.toLowerCase(), LIMITS.logoSrc),
      place,
      external: !!linkHost && linkHost !== pageHost,
    });
  };
  const image = (img: Element) => {
    const text = attr(img, 'alt') || attr(img, 'title') || attr(img, 'aria-label');
    consider(img, text, img.tagName === 'IMG' ? attr(img, 'src') : '');
  };
  // The page's first images (a phishing kit's logo is one of them), in document order.
  const images = doc.images ?? doc.getElementsByTagName('img');
  for (let i = 0; i < images.length && i < LIMITS.images; i++) image(images[i]);
  // Inside the header and the form's region: role=img, <svg><title>, text logos (class="logo").
  for (const scope of logoScopes(doc, region)) {
    const list = scope.querySelectorAll('img, [role=img], svg, [class*=logo], [id*=logo], [class*=Logo], [id*=Logo]');
    for (let i = 0; i < list.length && i < 30; i++) {
      const el = list[i];
      if (el.tagName === 'IMG' || el.getAttribute('role') === 'img') {
        image(el);
        continue;
      }
      const title = el.tagName.toLowerCase() === 'svg' ? el.querySelector('title')?.textContent ?? attr(el, 'aria-label') : '';
      const text = title || boundedText(el, { maxChars: LIMITS.logoText });
      if (text) consider(el, text, '');
    }
  }
  return out;
}

function firstOf(list: HTMLCollectionOf<Element>, n: number): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < list.length && i < n; i++) out.push(list[i]);
  return out;
}

function fieldsAround(doc: Document, field: Element | null, form: Element | null, region: Element): FieldSignal[] {
  const scope = form ?? (field && region === field ? parentOf(field) ?? region : region);
  const fields = describeFields(doc, scope);
  if (field && (field.tagName === 'INPUT' || field.tagName === 'TEXTAREA') && !scope.contains(field)) fields.unshift(...describeFields(doc, field.parentElement ?? field));
  return fields.slice(0, LIMITS.fields);
}

/** The first credential-looking field of the document, when the caller has none. */
export function findCredentialField(doc: Document): Element | null {
  return doc.querySelector(CRED_SELECTOR);
}

export function collectIdentity(doc: Document, fieldOrForm?: Element | null): IdentitySignals {
  const anchor = fieldOrForm ?? findCredentialField(doc) ?? doc.body ?? doc.documentElement;
  const field = anchor && anchor.tagName === 'FORM' ? anchor.querySelector('input') ?? anchor : anchor;
  const region = field ? formRegion(field) : doc.documentElement;
  const base = doc.baseURI || '';
  const pageHost = hostOf(base, base);
  // <head> only: a missing meta must not cost a whole-document scan.
  const head = doc.head ?? doc.documentElement;
  const meta = (sel: string) => attr(head.querySelector(sel) ?? doc.documentElement, 'content');
  const form = (field as HTMLInputElement | null)?.form ?? field?.closest?.('form') ?? null;
  return {
    v: 1,
    title: clip((doc.title ?? '').replace(/\s+/g, ' ').trim(), LIMITS.title),
    siteName: clip(meta('meta[property="og:site_name"]') || meta('meta[name="application-name"]'), LIMITS.siteName),
    headings: firstOf(doc.getElementsByTagName('h1'), LIMITS.headings)
      .filter((h) => !h.closest('a'))
      .map((h) => boundedText(h, { maxChars: LIMITS.heading, skipLinks: true }))
      .filter(Boolean),
    logos: collectLogos(doc, region, base, pageHost),
    formText: field ? regionText(region, field, LIMITS.formText) : '',
    formProse: field
      ? boundedText(region, { maxChars: LIMITS.formProse, skipLinks: true, proseOnly: true, skip: outsideForm(field) })
      : '',
    fields: fieldsAround(doc, field, form, region),
    path: '',
  };
}
