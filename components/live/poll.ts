// Every poll interval in one place. Polling covers what the project event stream cannot see: a run's
// status and metrics arrive through the MLflow API, not as project events.

/** Server-rendered pages showing a live run (a run page, a task with a running linked run) re-render this often. */
export const RUN_PAGE_REFRESH_MS = 5000;
/** The board refetches this often while one of its cards has a running linked run. */
export const BOARD_RUN_POLL_MS = 5000;
/** Metric charts of a RUNNING run refetch this often so they grow live; finished runs never poll. */
export const LIVE_SERIES_REFETCH_MS = 3000;
