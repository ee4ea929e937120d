// jsdom has media elements that cannot play: play() and pause() here change `paused` and fire
// the events a real element would.

import { vi } from "vitest";

export function mockMedia() {
  const paused = new WeakMap<HTMLMediaElement, boolean>();
  const pausedDescriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, "paused");
  Object.defineProperty(HTMLMediaElement.prototype, "paused", {
    configurable: true,
    get(this: HTMLMediaElement) {
      return paused.get(this) ?? true;
    },
  });
  const play = vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (this: HTMLMediaElement) {
    paused.set(this, false);
    this.dispatchEvent(new Event("play"));
    return Promise.resolve();
  });
  const pause = vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(function (this: HTMLMediaElement) {
    paused.set(this, true);
    this.dispatchEvent(new Event("pause"));
  });
  return {
    play,
    pause,
    restore() {
      play.mockRestore();
      pause.mockRestore();
      if (pausedDescriptor) Object.defineProperty(HTMLMediaElement.prototype, "paused", pausedDescriptor);
    },
  };
}
