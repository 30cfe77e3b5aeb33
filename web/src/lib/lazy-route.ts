import { type ComponentType, lazy } from 'react';

/**
 * `React.lazy` with a `preload()`: once the chunk has loaded, the lazy component renders at once instead of
 * suspending for a tick (React then shows the fallback and holds the real page back for its reveal throttle, ~300 ms).
 * The first route's chunk is preloaded before React renders (main.tsx), so the page appears as soon as its data does.
 */
export function lazyRoute<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: { default: ComponentType<P> } | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    pending ??= load().then((m) => {
      loaded = m;
      return m;
    });
    return pending;
  };
  const Component = lazy(() =>
    // A thenable that answers synchronously: React's lazy resolves within the same render.
    loaded
      ? ({
          // biome-ignore lint/suspicious/noThenProperty: this thenable is the point: React's lazy calls then() and, answered synchronously, renders the page in the same pass
          then: (resolve: (m: { default: ComponentType<P> }) => void) =>
            resolve(loaded as { default: ComponentType<P> }),
        } as Promise<{ default: ComponentType<P> }>)
      : preload(),
  );
  return { Component, preload };
}
