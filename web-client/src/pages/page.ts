/** A mounted page: the router destroys it when the route changes. */
export interface Page {
  destroy(): void;
}
