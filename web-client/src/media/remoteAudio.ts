/** What the person is told when the browser will not play audio before a click on the page. */
export const AUTOPLAY_BLOCKED = 'The browser blocked audio playback: click anywhere on the page to hear the room.';

/**
 * The remote speakers' audio, one `<audio autoplay data-testid="audio-{userId}">` each in the page's audio outlet,
 * for every provider that hands the client its tracks. When the browser blocks autoplay the person is told, and the
 * next click anywhere plays every element again.
 */
export class RemoteAudio {
  private readonly elements = new Map<string, HTMLAudioElement>();

  constructor(
    private readonly outlet: () => HTMLElement | null | undefined,
    private readonly onBlocked: (message: string) => void,
  ) {}

  /** Plays `stream` as `userId`'s audio (the same element when there is one already). */
  play(userId: string, stream: MediaStream | null): void {
    const outlet = this.outlet();
    if (!outlet) return;
    let audio = this.elements.get(userId);
    if (!audio) {
      audio = document.createElement('audio');
      audio.autoplay = true;
      audio.dataset.userId = userId;
      audio.setAttribute('data-testid', `audio-${userId}`);
      outlet.appendChild(audio);
      this.elements.set(userId, audio);
    }
    audio.srcObject = stream;
    const element = audio;
    Promise.resolve()
      .then(() => element.play())
      .catch(() => {
        this.onBlocked(AUTOPLAY_BLOCKED);
        const resume = (): void => {
          document.removeEventListener('click', resume);
          for (const a of this.elements.values()) void Promise.resolve().then(() => a.play()).catch(() => undefined);
        };
        document.addEventListener('click', resume);
      });
  }

  remove(userId: string): void {
    const audio = this.elements.get(userId);
    if (!audio) return;
    this.elements.delete(userId);
    audio.srcObject = null;
    audio.remove();
  }

  removeAll(): void {
    for (const userId of [...this.elements.keys()]) this.remove(userId);
  }
}
