/** One dependency's answer in a readiness report: up, or down with the reason. */
export type HealthCheck = { status: 'up' | 'down'; error?: string };

export async function healthCheck(work: () => Promise<unknown>): Promise<HealthCheck> {
  try {
    await work();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

/**
 * `work`, or a failure naming `what` once `ms` have passed: Redis clients retry forever by design, which would make
 * a health check hang instead of answering "down". A late failure of `work` is already answered for.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
