/**
 * jsdom has no ResizeObserver, which Puck's drag-and-drop layer touches when its module loads. Rendering (what the
 * tests check) never depends on resize notifications, so an observer that never fires is enough.
 */
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
