// Confirmation dialogs, asked for from anywhere and shown by one host in the window.

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The button that goes ahead, worded as the action ("Delete"). */
  confirmLabel: string;
  cancelLabel?: string;
  /** Colours the button for actions that destroy something. */
  danger?: boolean;
}

export interface ConfirmRequest extends ConfirmOptions {
  answer: (ok: boolean) => void;
}

export class Dialogs {
  current = $state.raw<ConfirmRequest | null>(null);

  /** Asks the curator; resolves true when they go ahead. A new question replaces an open one. */
  confirm(options: ConfirmOptions): Promise<boolean> {
    this.current?.answer(false);
    return new Promise((resolve) => {
      const request: ConfirmRequest = {
        ...options,
        answer: (ok) => {
          if (this.current === request) this.current = null;
          resolve(ok);
        },
      };
      this.current = request;
    });
  }
}
