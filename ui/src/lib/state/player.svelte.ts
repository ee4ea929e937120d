// The player of the interview open in the editor: position, duration, speed and play state,
// over an <audio> or <video> element when the interview has a recording. Without one it still
// keeps a position, so seeking (from a search hit, a segment's time) highlights the transcript
// at that time.

import { untrack } from "svelte";

/** Speeds offered, slowest first; F3 and F4 step through them. */
export const SPEEDS = [0.5, 0.6, 0.75, 0.9, 1, 1.25, 1.5, 1.75, 2] as const;
/** How far F1 and F2 skip, in milliseconds. */
export const SKIP_MS = 5000;

export class Player {
  positionMs = $state(0);
  durationMs = $state<number | null>(null);
  playing = $state(false);
  rate = $state(1);
  /** Whether a media element is attached (the interview has a playable recording). */
  hasMedia = $state(false);
  /** Why the recording cannot play, when it cannot. */
  error = $state<string | null>(null);

  #el: HTMLMediaElement | null = null;
  /** A seek asked for before the media could take it, applied once its metadata is in. */
  #pendingMs: number | null = null;

  /**
   * Binds the player to a media element; returns the function that lets it go. Reads nothing
   * reactively, so an attachment calling it is not run again as the position changes.
   */
  attach(el: HTMLMediaElement): () => void {
    return untrack(() => this.#attach(el));
  }

  #attach(el: HTMLMediaElement): () => void {
    this.#el = el;
    this.hasMedia = true;
    this.error = null;
    el.playbackRate = this.rate;
    const onTime = () => {
      if (this.#pendingMs === null) this.positionMs = Math.round(el.currentTime * 1000);
    };
    const onMeta = () => {
      if (Number.isFinite(el.duration)) this.durationMs = Math.round(el.duration * 1000);
      if (this.#pendingMs !== null) {
        const ms = this.#pendingMs;
        this.#pendingMs = null;
        el.currentTime = ms / 1000;
        this.positionMs = ms;
      }
    };
    const onPlay = () => (this.playing = true);
    const onPause = () => (this.playing = false);
    const onError = () => {
      this.playing = false;
      this.error = "The recording could not be played: the file may be missing, or in a format this system cannot play.";
    };
    const listeners: [string, () => void][] = [
      ["timeupdate", onTime],
      ["seeked", onTime],
      ["loadedmetadata", onMeta],
      ["durationchange", onMeta],
      ["play", onPlay],
      ["playing", onPlay],
      ["pause", onPause],
      ["ended", onPause],
      ["error", onError],
    ];
    for (const [name, fn] of listeners) el.addEventListener(name, fn);
    // Keep the position the transcript was at (a search hit, the last tape's place).
    if (this.positionMs > 0) this.seek(this.positionMs);
    return () => {
      for (const [name, fn] of listeners) el.removeEventListener(name, fn);
      if (this.#el === el) {
        this.#el = null;
        this.hasMedia = false;
        this.playing = false;
        this.#pendingMs = null;
      }
    };
  }

  /** Sets the duration when no media says it (the interview's recorded length). */
  setKnownDuration(ms: number | null): void {
    if (!this.#el || this.durationMs === null) this.durationMs = ms;
  }

  async play(): Promise<void> {
    const el = this.#el;
    if (!el) return;
    try {
      await el.play();
    } catch (e) {
      // Autoplay refused or the source is unplayable: say so quietly in the bar.
      if (!(e instanceof DOMException && e.name === "AbortError")) {
        this.error = "The recording could not be played: the file may be missing, or in a format this system cannot play.";
      }
    }
  }

  pause(): void {
    this.#el?.pause();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else void this.play();
  }

  /** Moves to a time, in milliseconds; kept within the recording when its length is known. */
  seek(ms: number): void {
    let t = Math.max(0, Math.round(ms));
    if (this.durationMs !== null && this.#el) t = Math.min(t, this.durationMs);
    this.positionMs = t;
    const el = this.#el;
    if (!el) return;
    // Before its metadata is in (readyState 0) the element forgets a seek; keep it for then.
    if (el.readyState === 0 && el.networkState !== el.NETWORK_EMPTY) this.#pendingMs = t;
    try {
      el.currentTime = t / 1000;
    } catch {
      this.#pendingMs = t;
    }
  }

  /** Seeks there and plays (a segment's time, an index point, a search hit). */
  seekAndPlay(ms: number): void {
    this.seek(ms);
    void this.play();
  }

  skip(deltaMs: number): void {
    this.seek(this.positionMs + deltaMs);
  }

  setRate(rate: number): void {
    this.rate = Math.min(2, Math.max(0.5, rate));
    if (this.#el) this.#el.playbackRate = this.rate;
  }

  slower(): void {
    const lower = [...SPEEDS].reverse().find((s) => s < this.rate - 1e-6);
    if (lower !== undefined) this.setRate(lower);
  }

  faster(): void {
    const higher = SPEEDS.find((s) => s > this.rate + 1e-6);
    if (higher !== undefined) this.setRate(higher);
  }
}
