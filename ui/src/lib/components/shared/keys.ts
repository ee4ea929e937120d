// Keyboard shortcuts as the platform names them.

export const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+N" on Linux and Windows, "⌘N" on a Mac. */
export function shortcut(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}

/** Whether the platform's command modifier is held (Cmd on a Mac, Ctrl elsewhere; either is accepted). */
export function hasMod(e: KeyboardEvent | MouseEvent): boolean {
  return e.ctrlKey || e.metaKey;
}
