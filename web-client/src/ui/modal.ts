/**
 * Opens and closes a `<dialog>`: modal where the browser can (focus kept inside, Escape closes), a plain open
 * dialog elsewhere (jsdom), with Escape handled the same way. Focus goes back to whatever opened it.
 */
export function openModal(dialog: HTMLDialogElement): void {
  const opener = document.activeElement as HTMLElement | null;
  // inside the page's main, so leaving the page (back button) takes an open dialog away with it
  if (!dialog.isConnected) (document.querySelector('main') ?? document.body).append(dialog);
  if (typeof dialog.showModal === 'function') {
    if (!dialog.open) dialog.showModal();
  } else {
    dialog.setAttribute('open', '');
  }
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeModal(dialog);
    }
  };
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener(
    'close',
    () => {
      dialog.removeEventListener('keydown', onKey);
      opener?.focus?.();
    },
    { once: true },
  );
  dialog.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
}

export function closeModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === 'function') {
    dialog.close();
  } else if (dialog.hasAttribute('open')) {
    dialog.removeAttribute('open');
    dialog.dispatchEvent(new Event('close'));
  }
}
