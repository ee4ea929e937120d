// Where the window's attention should go next, asked for by whoever knows and taken up by the
// component that shows it once it is on screen: a field to focus, or a moment of a transcript
// to bring into view and play.

/** A field the window should move focus to, once it is on screen. */
export type FocusTarget = "interview-title" | "person-name" | "list";
export interface FocusRequest {
  target: FocusTarget;
  selectAll: boolean;
  /** Increases with every request, so asking twice focuses twice. */
  n: number;
}

/**
 * A time to open an interview's transcript at (a search hit, an index point): the Transcript
 * tab brings the segment into view, highlights it, and sets the player there.
 */
export interface PlayRequest {
  interviewId: string;
  /** The transcript to show; the one shown already (or the first) when null. */
  transcriptId: string | null;
  /** The segment to highlight; the one at `atMs` when null. */
  segmentId: string | null;
  atMs: number | null;
  /** Start playing, when there is a recording. */
  play: boolean;
  n: number;
}

export class FocusRequests {
  /** Taken (set to null) by the component that focuses the field. */
  focus = $state.raw<FocusRequest | null>(null);
  /** Taken (set to null) by the Transcript tab. */
  play = $state.raw<PlayRequest | null>(null);
  #focusSeq = 0;
  #playSeq = 0;

  requestFocus(target: FocusTarget, selectAll = false): void {
    this.focus = { target, selectAll, n: ++this.#focusSeq };
  }

  requestPlay(request: Omit<PlayRequest, "n">): void {
    this.play = { ...request, n: ++this.#playSeq };
  }
}
