/** A view renders into `root` and returns its cleanup (stop timers, close streams, destroy charts). */
export type View = (root: HTMLElement, params: string[]) => Promise<() => void>;
