// jsdom lacks a few things a real webview has.
if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}

// jsdom has no layout: scrollTop reads 0 whatever is set. Keep what is set, so lists can be
// scrolled in tests (and scroll events fired by hand).
{
  const tops = new WeakMap<Element, number>();
  Object.defineProperty(Element.prototype, "scrollTop", {
    configurable: true,
    get(this: Element) {
      return tops.get(this) ?? 0;
    },
    set(this: Element, v: number) {
      tops.set(this, Math.max(0, Number(v) || 0));
    },
  });
}
