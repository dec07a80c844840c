/**
 * A cap on file operations in flight. Scans fan out over every distribution of an environment at once; with
 * hundreds of them and a low `ulimit -n`, unbounded concurrency fails with EMFILE. Operations beyond the cap wait
 * in arrival order.
 */
export function createLimiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finishing operation hands its slot straight to the next waiter, so the count never exceeds the cap.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resume) => waiting.push(resume));
    else running += 1;
    try {
      return await work();
    } finally {
      release();
    }
  };
}
