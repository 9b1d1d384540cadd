/**
 * A request as the console is about to send it: the one description the sender, the snippet
 * generators and the tests share, so that what a snippet shows is exactly what was sent.
 */
export type BodyMediaType = 'application/json' | 'application/x-www-form-urlencoded';

export interface ConsoleRequest {
  method: string;
  /** Absolute URL, query string included, path parameters already substituted. */
  url: string;
  /** In the order they are sent; names as the reader or the spec spelled them. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  /**
   * The body exactly as it goes on the wire: JSON text, or a form-encoded string built from the
   * fields the reader filled in (empty values included).
   */
  body?: { mediaType: BodyMediaType; text: string };
}
