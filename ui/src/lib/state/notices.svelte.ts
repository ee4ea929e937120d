// The window's one notice line: an error stays until dismissed, information goes by itself.

import { messageOf } from "../api";

/** How long an informational notice stays. */
const INFO_SHOWN_MS = 8000;

/** What a notice offers to do about what it says ("Undo"). */
export interface NoticeAction {
  label: string;
  run: () => unknown;
}

export interface Notice {
  message: string;
  kind: "error" | "info";
  n: number;
  action?: NoticeAction;
}

export class Notices {
  current = $state.raw<Notice | null>(null);
  #seq = 0;

  showError(e: unknown): void {
    this.current = { message: messageOf(e), kind: "error", n: ++this.#seq };
  }

  /** Information goes by itself after a while; an error stays until dismissed. */
  showInfo(message: string, action?: NoticeAction): void {
    const n = ++this.#seq;
    this.current = { message, kind: "info", n, action };
    setTimeout(() => {
      if (this.current?.n === n) this.current = null;
    }, INFO_SHOWN_MS);
  }

  dismiss(): void {
    this.current = null;
  }
}
