/**
 * The parts of okra-js's global `Okra` object this package drives. okra-js 2.1.1 keeps one of these per page:
 * building a second widget overwrites the first one's state, which is why the hook allows one at a time.
 */
export interface OkraWidget {
  /** The widget's origin; okra-js loads `${baseUrl}/?isIframe=true&withOptions=true`. */
  baseUrl: string;
  /** The iframe of the widget on screen; okra-js sets it to `''` when it closes it. */
  iframe: HTMLIFrameElement | '' | null;
  /** The overlay `<div>` okra-js shows while the iframe loads. */
  loader: HTMLElement | null;
  buildWithOptions(options: Record<string, unknown>): void;
  /** Removes the iframe and okra-js's `message` listener (it leaves the overlay). */
  forceClose(okra?: OkraWidget): void;
}
